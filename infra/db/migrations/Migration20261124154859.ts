import { Migration } from '@mikro-orm/migrations';

// Deals (domain/deals): the configurable pipeline stages, deals, and each deal's stage history.
// Written by `npm run migration:create`, plus the reference company's five stages by hand: every
// installation starts with a usable pipeline, which admins and management then edit.

export class Migration20261124154859 extends Migration {

  override name = 'Migration20261124154859';

  override up(): void | Promise<void> {
    this.addSql(`create table "deal_stage" ("id" uuid not null, "code" varchar(50) not null, "name" varchar(200) not null, "name_en" varchar(200) null, "position" int not null, "probability" smallint not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "deal_stage" add constraint "deal_stage_code_unique" unique ("code");`);

    this.addSql(`create table "deal" ("id" uuid not null, "client_id" uuid not null, "title" varchar(300) not null, "amount" bigint not null, "lines" jsonb not null, "planned_close_date" date null, "probability" smallint not null, "owner_id" uuid not null, "stage_id" uuid not null, "stage_entered_at" timestamptz not null, "status" text not null default 'open', "loss_reason" text null, "close_comment" text null, "lost_at_stage_id" uuid null, "closed_at" timestamptz null, "closed_by_id" uuid null, "process_id" uuid null, "notes" text null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "deal_client_id_index" on "deal" ("client_id");`);
    this.addSql(`create index "deal_process_id_index" on "deal" ("process_id");`);
    this.addSql(`create index "deal_status_stage_id_updated_at_index" on "deal" ("status", "stage_id", "updated_at");`);
    this.addSql(`create index "deal_owner_id_status_index" on "deal" ("owner_id", "status");`);
    this.addSql(`create index "deal_updated_at_id_index" on "deal" ("updated_at", "id");`);

    this.addSql(`create table "deal_stage_change" ("id" uuid not null, "deal_id" uuid not null, "kind" text not null, "from_stage_id" uuid null, "to_stage_id" uuid not null, "by_id" uuid not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "deal_stage_change_deal_id_at_index" on "deal_stage_change" ("deal_id", "at");`);

    this.addSql(`alter table "deal" add constraint "deal_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_owner_id_foreign" foreign key ("owner_id") references "employee" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_stage_id_foreign" foreign key ("stage_id") references "deal_stage" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_lost_at_stage_id_foreign" foreign key ("lost_at_stage_id") references "deal_stage" ("id") on delete set null;`);
    this.addSql(`alter table "deal" add constraint "deal_closed_by_id_foreign" foreign key ("closed_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "deal" add constraint "deal_process_id_foreign" foreign key ("process_id") references "process" ("id") on delete set null;`);
    this.addSql(`alter table "deal" add constraint "deal_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_status_check" check ("status" in ('open', 'won', 'lost'));`);
    this.addSql(`alter table "deal" add constraint "deal_loss_reason_check" check ("loss_reason" in ('price', 'competitor', 'no-budget', 'not-understood', 'postponed', 'no-response', 'requirements', 'other'));`);

    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_deal_id_foreign" foreign key ("deal_id") references "deal" ("id") on delete cascade;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_from_stage_id_foreign" foreign key ("from_stage_id") references "deal_stage" ("id") on delete set null;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_to_stage_id_foreign" foreign key ("to_stage_id") references "deal_stage" ("id");`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_by_id_foreign" foreign key ("by_id") references "employee" ("id");`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_kind_check" check ("kind" in ('created', 'moved', 'won', 'lost'));`);

    this.addSql(`insert into "deal_stage" ("id", "code", "name", "name_en", "position", "probability", "created_at", "updated_at") values
      (gen_random_uuid(), 'demonstration', 'Демонстрация/презентация', 'Demonstration/presentation', 10, 10, now(), now()),
      (gen_random_uuid(), 'proposal', 'Подготовка предложения', 'Proposal preparation', 20, 25, now(), now()),
      (gen_random_uuid(), 'decision', 'Принятие решения', 'Decision', 30, 50, now(), now()),
      (gen_random_uuid(), 'contract', 'Подготовка, согласование и подписание договора', 'Contract preparation, approval and signing', 40, 75, now(), now()),
      (gen_random_uuid(), 'handoff', 'Документы, передача в монтаж', 'Documents, hand-off to installation', 50, 90, now(), now());`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deal" drop constraint "deal_stage_id_foreign";`);
    this.addSql(`alter table "deal" drop constraint "deal_lost_at_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_from_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_to_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_deal_id_foreign";`);

    this.addSql(`drop table if exists "deal_stage" cascade;`);
    this.addSql(`drop table if exists "deal" cascade;`);
    this.addSql(`drop table if exists "deal_stage_change" cascade;`);
  }

}
