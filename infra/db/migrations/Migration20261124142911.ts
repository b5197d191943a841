import { Migration } from '@mikro-orm/migrations';

// The client base (domain/clients): clients, contact persons, the classification tag tree and its
// links to clients, interactions. Written by `npm run migration:create`, plus one index by hand:
// the tag filter looks the links up by tag (the pivot's primary key starts with the client).

export class Migration20261124142911 extends Migration {

  override name = 'Migration20261124142911';

  override up(): void | Promise<void> {
    this.addSql(`create table "client_tag" ("id" uuid not null, "name" varchar(100) not null, "parent_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "client_tag_parent_id_index" on "client_tag" ("parent_id");`);

    this.addSql(`create table "client" ("id" uuid not null, "name" varchar(300) not null, "kind" text not null, "inn" varchar(12) null, "kpp" varchar(9) null, "legal_address" text null, "region" varchar(100) null, "phones" text[] not null default '{}', "phone_keys" text[] not null default '{}', "email" varchar(254) null, "email_key" varchar(254) null, "website" varchar(255) null, "source_channel" text null, "triggering_event" text null, "interest" text null, "interest_reason" text null, "probability" smallint null, "owner_id" uuid not null, "stage" text not null default 'potential', "notes" text null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "client_inn_index" on "client" ("inn");`);
    this.addSql(`create index "client_email_key_index" on "client" ("email_key");`);
    this.addSql(`create index "client_phone_keys_index" on "client" using gin ("phone_keys");`);
    this.addSql(`create index "client_owner_id_name_index" on "client" ("owner_id", "name");`);
    this.addSql(`create index "client_stage_name_index" on "client" ("stage", "name");`);
    this.addSql(`create index "client_updated_at_id_index" on "client" ("updated_at", "id");`);

    this.addSql(`create table "client_contact" ("id" uuid not null, "client_id" uuid not null, "full_name" varchar(200) not null, "position" varchar(200) null, "phones" text[] not null default '{}', "phone_keys" text[] not null default '{}', "email" varchar(254) null, "email_key" varchar(254) null, "birth_day" smallint null, "birth_month" smallint null, "birth_year" smallint null, "notes" text null, "is_primary" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "client_contact_client_id_index" on "client_contact" ("client_id");`);
    this.addSql(`create index "client_contact_email_key_index" on "client_contact" ("email_key");`);
    this.addSql(`create index "client_contact_phone_keys_index" on "client_contact" using gin ("phone_keys");`);
    this.addSql(`create index "client_contact_birth_month_birth_day_index" on "client_contact" ("birth_month", "birth_day");`);
    this.addSql(`create unique index "client_contact_one_primary" on "client_contact" ("client_id") where is_primary;`);

    this.addSql(`create table "client_tag_link" ("client_id" uuid not null, "client_tag_id" uuid not null, primary key ("client_id", "client_tag_id"));`);
    this.addSql(`create index "client_tag_link_client_tag_id_index" on "client_tag_link" ("client_tag_id", "client_id");`);

    this.addSql(`create table "interaction" ("id" uuid not null, "client_id" uuid not null, "contact_id" uuid null, "employee_id" uuid not null, "kind" text not null, "status" text not null default 'planned', "at" timestamptz not null, "duration_minutes" int null, "subject" varchar(300) null, "report" text null, "result" varchar(300) null, "next_contact_at" timestamptz null, "completed_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "interaction_contact_id_index" on "interaction" ("contact_id");`);
    this.addSql(`create index "interaction_employee_id_at_id_index" on "interaction" ("employee_id", "at", "id");`);
    this.addSql(`create index "interaction_client_id_at_id_index" on "interaction" ("client_id", "at", "id");`);

    this.addSql(`alter table "client_tag" add constraint "client_tag_parent_id_foreign" foreign key ("parent_id") references "client_tag" ("id") on delete set null;`);

    this.addSql(`alter table "client" add constraint "client_owner_id_foreign" foreign key ("owner_id") references "employee" ("id");`);
    this.addSql(`alter table "client" add constraint "client_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "client" add constraint "client_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);
    this.addSql(`alter table "client" add constraint "client_kind_check" check ("kind" in ('legal', 'sole-trader', 'person'));`);
    this.addSql(`alter table "client" add constraint "client_source_channel_check" check ("source_channel" in ('advertising', 'exhibition', 'recommendation', 'website', 'cold-call', 'incoming-call', 'mailing', 'partner', 'tender', 'other'));`);
    this.addSql(`alter table "client" add constraint "client_stage_check" check ("stage" in ('potential', 'one-time', 'regular', 'lost'));`);

    this.addSql(`alter table "client_contact" add constraint "client_contact_client_id_foreign" foreign key ("client_id") references "client" ("id") on delete cascade;`);

    this.addSql(`alter table "client_tag_link" add constraint "client_tag_link_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "client_tag_link" add constraint "client_tag_link_client_tag_id_foreign" foreign key ("client_tag_id") references "client_tag" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "interaction" add constraint "interaction_client_id_foreign" foreign key ("client_id") references "client" ("id") on delete cascade;`);
    this.addSql(`alter table "interaction" add constraint "interaction_contact_id_foreign" foreign key ("contact_id") references "client_contact" ("id") on delete set null;`);
    this.addSql(`alter table "interaction" add constraint "interaction_employee_id_foreign" foreign key ("employee_id") references "employee" ("id");`);
    this.addSql(`alter table "interaction" add constraint "interaction_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "interaction" add constraint "interaction_kind_check" check ("kind" in ('call', 'meeting', 'demonstration', 'email', 'letter'));`);
    this.addSql(`alter table "interaction" add constraint "interaction_status_check" check ("status" in ('planned', 'done'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "client_tag" drop constraint "client_tag_parent_id_foreign";`);
    this.addSql(`alter table "client_tag_link" drop constraint "client_tag_link_client_tag_id_foreign";`);
    this.addSql(`alter table "client_contact" drop constraint "client_contact_client_id_foreign";`);
    this.addSql(`alter table "client_tag_link" drop constraint "client_tag_link_client_id_foreign";`);
    this.addSql(`alter table "interaction" drop constraint "interaction_client_id_foreign";`);
    this.addSql(`alter table "interaction" drop constraint "interaction_contact_id_foreign";`);

    this.addSql(`drop table if exists "client_tag" cascade;`);
    this.addSql(`drop table if exists "client" cascade;`);
    this.addSql(`drop table if exists "client_contact" cascade;`);
    this.addSql(`drop table if exists "client_tag_link" cascade;`);
    this.addSql(`drop table if exists "interaction" cascade;`);
  }

}
