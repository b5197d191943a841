import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024111 extends Migration {

  override name = 'Migration20261125024111';

  override up(): void | Promise<void> {
    this.addSql(`create table "campaign_template" ("id" uuid not null, "key" varchar(100) not null, "name" varchar(200) not null, "description" text null, "route_key" varchar(100) not null, "channel" text not null, "budget" bigint not null default '0', "follow_up_days" smallint not null default 5, "main_message" jsonb not null, "reminder_message" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "campaign_template" add constraint "campaign_template_key_unique" unique ("key");`);

    this.addSql(`create table "segment" ("id" uuid not null, "name" varchar(200) not null, "description" text null, "filter" jsonb not null, "owner_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);

    this.addSql(`create table "campaign" ("id" uuid not null, "name" varchar(200) not null, "description" text null, "template_id" uuid null, "route_key" varchar(100) not null, "segment_id" uuid null, "channel" text not null, "budget" bigint not null default '0', "actual_cost" bigint null, "owner_id" uuid not null, "status" text not null default 'planned', "planned_start" date null, "planned_end" date null, "attribution_days" smallint not null default 30, "follow_up_days" smallint not null default 5, "main_template_id" uuid null, "reminder_template_id" uuid null, "process_id" uuid null, "started_at" timestamptz null, "sent_at" timestamptz null, "finished_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "campaign" add constraint "campaign_process_id_unique" unique ("process_id");`);
    this.addSql(`create index "campaign_status_created_at_index" on "campaign" ("status", "created_at");`);
    this.addSql(`create index "campaign_owner_id_created_at_index" on "campaign" ("owner_id", "created_at");`);

    this.addSql(`create table "campaign_response" ("id" uuid not null, "campaign_id" uuid not null, "client_id" uuid not null, "kind" text not null, "at" timestamptz not null, "note" text null, "recorded_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "campaign_response_campaign_id_at_index" on "campaign_response" ("campaign_id", "at");`);
    this.addSql(`create index "campaign_response_client_id_index" on "campaign_response" ("client_id");`);

    this.addSql(`create table "campaign_recipient" ("id" uuid not null, "campaign_id" uuid not null, "client_id" uuid not null, "owner_id" uuid not null, "region" varchar(100) null, "source_channel" varchar(50) null, "tags" text[] not null default '{}', "position" int not null, "frozen_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "campaign_recipient_client_id_index" on "campaign_recipient" ("client_id");`);
    this.addSql(`alter table "campaign_recipient" add constraint "campaign_recipient_campaign_id_client_id_unique" unique ("campaign_id", "client_id");`);

    this.addSql(`alter table "campaign_template" add constraint "campaign_template_channel_check" check ("channel" in ('mailing', 'phone', 'event', 'exhibition', 'advertising', 'website', 'other'));`);

    this.addSql(`alter table "segment" add constraint "segment_owner_id_foreign" foreign key ("owner_id") references "employee" ("id");`);

    this.addSql(`alter table "campaign" add constraint "campaign_template_id_foreign" foreign key ("template_id") references "campaign_template" ("id") on delete set null;`);
    this.addSql(`alter table "campaign" add constraint "campaign_segment_id_foreign" foreign key ("segment_id") references "segment" ("id") on delete set null;`);
    this.addSql(`alter table "campaign" add constraint "campaign_owner_id_foreign" foreign key ("owner_id") references "employee" ("id");`);
    this.addSql(`alter table "campaign" add constraint "campaign_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "campaign" add constraint "campaign_channel_check" check ("channel" in ('mailing', 'phone', 'event', 'exhibition', 'advertising', 'website', 'other'));`);
    this.addSql(`alter table "campaign" add constraint "campaign_status_check" check ("status" in ('planned', 'running', 'finished', 'cancelled'));`);

    this.addSql(`alter table "campaign_response" add constraint "campaign_response_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade;`);
    this.addSql(`alter table "campaign_response" add constraint "campaign_response_client_id_foreign" foreign key ("client_id") references "client" ("id") on delete cascade;`);
    this.addSql(`alter table "campaign_response" add constraint "campaign_response_recorded_by_id_foreign" foreign key ("recorded_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "campaign_response" add constraint "campaign_response_kind_check" check ("kind" in ('reply', 'click', 'registration', 'call'));`);

    this.addSql(`alter table "campaign_recipient" add constraint "campaign_recipient_campaign_id_foreign" foreign key ("campaign_id") references "campaign" ("id") on delete cascade;`);
    this.addSql(`alter table "campaign_recipient" add constraint "campaign_recipient_client_id_foreign" foreign key ("client_id") references "client" ("id") on delete cascade;`);
    this.addSql(`alter table "campaign_recipient" add constraint "campaign_recipient_owner_id_foreign" foreign key ("owner_id") references "employee" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "campaign" drop constraint "campaign_template_id_foreign";`);
    this.addSql(`alter table "campaign" drop constraint "campaign_segment_id_foreign";`);
    this.addSql(`alter table "campaign_response" drop constraint "campaign_response_campaign_id_foreign";`);
    this.addSql(`alter table "campaign_recipient" drop constraint "campaign_recipient_campaign_id_foreign";`);

    this.addSql(`drop table if exists "campaign_template" cascade;`);
    this.addSql(`drop table if exists "segment" cascade;`);
    this.addSql(`drop table if exists "campaign" cascade;`);
    this.addSql(`drop table if exists "campaign_response" cascade;`);
    this.addSql(`drop table if exists "campaign_recipient" cascade;`);
  }

}
