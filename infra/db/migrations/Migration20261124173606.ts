import { Migration } from '@mikro-orm/migrations';

// Complaints and the knowledge base (domain/complaints). Written by `npm run migration:create`, plus
// by hand: the immutable tags-to-text function the search vector needs, the sequence complaint numbers come from (no two people get the same number, even at
// the same instant), and the index that finds the complaints a department is involved in.

export class Migration20261124173606 extends Migration {

  override name = 'Migration20261124173606';

  override up(): void | Promise<void> {
    this.addSql(`create table "complaint" ("id" uuid not null, "number" varchar(20) not null, "source" text not null, "subject" varchar(300) not null, "text" text not null, "client_id" uuid null, "contact_name" varchar(200) null, "contact_phone" varchar(50) null, "contact_email" varchar(320) null, "equipment_serial" varchar(100) null, "status" text not null default 'registered', "registered_at" timestamptz not null, "sla_budget_ms" bigint not null, "paused_work_ms" bigint not null default '0', "due_at" timestamptz not null, "paused_since" timestamptz null, "decision_text" text null, "decision_kind" text null, "decision_citations" jsonb null, "decided_by_id" uuid null, "decided_at" timestamptz null, "closed_at" timestamptz null, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "complaint" add constraint "complaint_number_unique" unique ("number");`);
    this.addSql(`create index "complaint_client_id_index" on "complaint" ("client_id");`);
    this.addSql(`create index "complaint_status_due_at_index" on "complaint" ("status", "due_at");`);
    this.addSql(`create index "complaint_updated_at_id_index" on "complaint" ("updated_at", "id");`);
    this.addSql(`create index "complaint_registered_at_id_index" on "complaint" ("registered_at", "id");`);

    this.addSql(`create table "complaint_status_change" ("id" uuid not null, "complaint_id" uuid not null, "from_status" text null, "to_status" text not null, "comment" text null, "by_id" uuid null, "case_id" uuid null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "complaint_status_change_complaint_id_at_index" on "complaint_status_change" ("complaint_id", "at");`);

    this.addSql(`create table "complaint_message" ("id" uuid not null, "complaint_id" uuid not null, "kind" text not null, "author_id" uuid null, "author_name" varchar(200) not null, "text" text not null, "citations" jsonb not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "complaint_message_complaint_id_at_index" on "complaint_message" ("complaint_id", "at");`);

    this.addSql(`create table "complaint_clock_pause" ("id" uuid not null, "complaint_id" uuid not null, "reason" text not null, "from_at" timestamptz not null, "to_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "complaint_clock_pause_complaint_id_from_at_index" on "complaint_clock_pause" ("complaint_id", "from_at");`);

    this.addSql(`create table "complaint_departments" ("complaint_id" uuid not null, "department_id" uuid not null, primary key ("complaint_id", "department_id"));`);
    this.addSql(`create index "complaint_departments_department_id_index" on "complaint_departments" ("department_id");`);
    this.addSql(`create sequence if not exists "complaint_number_seq";`);

    this.addSql(`create or replace function kb_tags_text(text[]) returns text language sql immutable parallel safe as $$ select array_to_string($1, ' ') $$;`);
    this.addSql(`create table "kb_article" ("id" uuid not null, "title" varchar(300) not null, "body" text not null, "tags" text[] not null default '{}', "category" varchar(100) not null, "search" tsvector generated always as (setweight(to_tsvector('russian', coalesce(title, '')), 'A') || setweight(to_tsvector('russian', kb_tags_text(tags)), 'B') || setweight(to_tsvector('russian', coalesce(body, '')), 'C')) stored null, "author_id" uuid not null, "created_at" timestamptz not null, "updated_by_id" uuid not null, "updated_at" timestamptz not null, "version" int not null default 1, primary key ("id"));`);
    this.addSql(`create index "kb_article_category_title_index" on "kb_article" ("category", "title");`);
    this.addSql(`create index "kb_article_updated_at_id_index" on "kb_article" ("updated_at", "id");`);
    this.addSql(`create index "kb_article_search_index" on "kb_article" using gin ("search");`);

    this.addSql(`create table "kb_article_revision" ("id" uuid not null, "article_id" uuid not null, "version" int not null, "title" varchar(300) not null, "body" text not null, "tags" text[] not null default '{}', "category" varchar(100) not null, "by_id" uuid not null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "kb_article_revision" add constraint "kb_article_revision_article_id_version_unique" unique ("article_id", "version");`);

    this.addSql(`alter table "complaint" add constraint "complaint_client_id_foreign" foreign key ("client_id") references "client" ("id") on delete set null;`);
    this.addSql(`alter table "complaint" add constraint "complaint_decided_by_id_foreign" foreign key ("decided_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "complaint" add constraint "complaint_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "complaint" add constraint "complaint_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);
    this.addSql(`alter table "complaint" add constraint "complaint_source_check" check ("source" in ('phone', 'email', 'portal', 'visit', 'letter', 'hotline'));`);
    this.addSql(`alter table "complaint" add constraint "complaint_status_check" check ("status" in ('registered', 'in-work', 'waiting', 'decided', 'closed'));`);
    this.addSql(`alter table "complaint" add constraint "complaint_decision_kind_check" check ("decision_kind" in ('satisfied', 'partly', 'refused'));`);

    this.addSql(`alter table "complaint_status_change" add constraint "complaint_status_change_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on delete cascade;`);
    this.addSql(`alter table "complaint_status_change" add constraint "complaint_status_change_by_id_foreign" foreign key ("by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "complaint_status_change" add constraint "complaint_status_change_from_status_check" check ("from_status" in ('registered', 'in-work', 'waiting', 'decided', 'closed'));`);
    this.addSql(`alter table "complaint_status_change" add constraint "complaint_status_change_to_status_check" check ("to_status" in ('registered', 'in-work', 'waiting', 'decided', 'closed'));`);

    this.addSql(`alter table "complaint_message" add constraint "complaint_message_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on delete cascade;`);
    this.addSql(`alter table "complaint_message" add constraint "complaint_message_author_id_foreign" foreign key ("author_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "complaint_message" add constraint "complaint_message_kind_check" check ("kind" in ('to-client', 'from-client', 'note'));`);

    this.addSql(`alter table "complaint_clock_pause" add constraint "complaint_clock_pause_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on delete cascade;`);
    this.addSql(`alter table "complaint_clock_pause" add constraint "complaint_clock_pause_reason_check" check ("reason" in ('waiting-client', 'decided'));`);

    this.addSql(`alter table "complaint_departments" add constraint "complaint_departments_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "complaint_departments" add constraint "complaint_departments_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "kb_article" add constraint "kb_article_author_id_foreign" foreign key ("author_id") references "employee" ("id");`);
    this.addSql(`alter table "kb_article" add constraint "kb_article_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id");`);

    this.addSql(`alter table "kb_article_revision" add constraint "kb_article_revision_article_id_foreign" foreign key ("article_id") references "kb_article" ("id") on delete cascade;`);
    this.addSql(`alter table "kb_article_revision" add constraint "kb_article_revision_by_id_foreign" foreign key ("by_id") references "employee" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "complaint_status_change" drop constraint "complaint_status_change_complaint_id_foreign";`);
    this.addSql(`alter table "complaint_message" drop constraint "complaint_message_complaint_id_foreign";`);
    this.addSql(`alter table "complaint_clock_pause" drop constraint "complaint_clock_pause_complaint_id_foreign";`);
    this.addSql(`alter table "complaint_departments" drop constraint "complaint_departments_complaint_id_foreign";`);
    this.addSql(`alter table "kb_article_revision" drop constraint "kb_article_revision_article_id_foreign";`);

    this.addSql(`drop table if exists "complaint" cascade;`);
    this.addSql(`drop table if exists "complaint_status_change" cascade;`);
    this.addSql(`drop table if exists "complaint_message" cascade;`);
    this.addSql(`drop table if exists "complaint_clock_pause" cascade;`);
    this.addSql(`drop table if exists "complaint_departments" cascade;`);
    this.addSql(`drop table if exists "kb_article" cascade;`);
    this.addSql(`drop table if exists "kb_article_revision" cascade;`);
    this.addSql(`drop sequence if exists "complaint_number_seq";`);
    this.addSql(`drop function if exists kb_tags_text(text[]);`);
  }

}
