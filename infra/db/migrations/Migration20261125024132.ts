import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024132 extends Migration {

  override name = 'Migration20261125024132';

  override up(): void | Promise<void> {
    this.addSql(`create table "questionnaire" ("id" uuid not null, "key" varchar(40) not null, "name" varchar(200) not null, "intro" text not null, "questions" jsonb not null, "status" text not null default 'draft', "dirty" boolean not null default true, "published_version" int not null default 0, "created_by_id" uuid not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "revision" int not null default 1, primary key ("id"));`);
    this.addSql(`alter table "questionnaire" add constraint "questionnaire_key_unique" unique ("key");`);

    this.addSql(`create table "questionnaire_version" ("id" uuid not null, "questionnaire_id" uuid not null, "version" int not null, "name" varchar(200) not null, "intro" text not null, "questions" jsonb not null, "published_at" timestamptz not null, "published_by_id" uuid not null, primary key ("id"));`);
    this.addSql(`alter table "questionnaire_version" add constraint "questionnaire_version_questionnaire_id_version_unique" unique ("questionnaire_id", "version");`);

    this.addSql(`create table "survey_round" ("id" uuid not null, "questionnaire_version_id" uuid not null, "channel" text not null, "segment" varchar(40) not null, "created_by_id" uuid null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "invited" int not null default 0, "suppressed" int not null default 0, primary key ("id"));`);

    this.addSql(`create table "survey_invitation" ("id" uuid not null, "round_id" uuid not null, "client_id" uuid not null, "email" varchar(320) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "answered_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "survey_invitation_client_id_index" on "survey_invitation" ("client_id");`);
    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_token_hash_unique" unique ("token_hash");`);
    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_round_id_client_id_unique" unique ("round_id", "client_id");`);

    this.addSql(`create table "survey_answer_set" ("id" uuid not null, "key" varchar(300) not null, "questionnaire_version_id" uuid not null, "client_id" uuid not null, "channel" text not null, "round_id" uuid null, "process_id" uuid null, "answered_at" timestamptz not null, "answered_by_id" uuid null, "low" boolean not null default false, "complaint_id" uuid null, "complaint_route_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_key_unique" unique ("key");`);
    this.addSql(`create index "survey_answer_set_client_id_index" on "survey_answer_set" ("client_id");`);
    this.addSql(`create index "survey_answer_set_questionnaire_version_id_answered_at_index" on "survey_answer_set" ("questionnaire_version_id", "answered_at");`);

    this.addSql(`create table "survey_answer" ("id" uuid not null, "answer_set_id" uuid not null, "question_id" varchar(40) not null, "value" jsonb not null, "score" smallint null, primary key ("id"));`);
    this.addSql(`alter table "survey_answer" add constraint "survey_answer_answer_set_id_question_id_unique" unique ("answer_set_id", "question_id");`);

    this.addSql(`alter table "questionnaire" add constraint "questionnaire_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "questionnaire" add constraint "questionnaire_status_check" check ("status" in ('draft', 'published'));`);

    this.addSql(`alter table "questionnaire_version" add constraint "questionnaire_version_questionnaire_id_foreign" foreign key ("questionnaire_id") references "questionnaire" ("id");`);
    this.addSql(`alter table "questionnaire_version" add constraint "questionnaire_version_published_by_id_foreign" foreign key ("published_by_id") references "employee" ("id");`);

    this.addSql(`alter table "survey_round" add constraint "survey_round_questionnaire_version_id_foreign" foreign key ("questionnaire_version_id") references "questionnaire_version" ("id");`);
    this.addSql(`alter table "survey_round" add constraint "survey_round_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "survey_round" add constraint "survey_round_channel_check" check ("channel" in ('phone', 'email'));`);

    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_round_id_foreign" foreign key ("round_id") references "survey_round" ("id");`);
    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_client_id_foreign" foreign key ("client_id") references "client" ("id");`);

    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_questionnaire_version_id_foreign" foreign key ("questionnaire_version_id") references "questionnaire_version" ("id");`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_client_id_foreign" foreign key ("client_id") references "client" ("id");`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_round_id_foreign" foreign key ("round_id") references "survey_round" ("id") on delete set null;`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_answered_by_id_foreign" foreign key ("answered_by_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on delete set null;`);
    this.addSql(`alter table "survey_answer_set" add constraint "survey_answer_set_channel_check" check ("channel" in ('phone', 'email'));`);

    this.addSql(`alter table "survey_answer" add constraint "survey_answer_answer_set_id_foreign" foreign key ("answer_set_id") references "survey_answer_set" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "questionnaire_version" drop constraint "questionnaire_version_questionnaire_id_foreign";`);
    this.addSql(`alter table "survey_round" drop constraint "survey_round_questionnaire_version_id_foreign";`);
    this.addSql(`alter table "survey_answer_set" drop constraint "survey_answer_set_questionnaire_version_id_foreign";`);
    this.addSql(`alter table "survey_invitation" drop constraint "survey_invitation_round_id_foreign";`);
    this.addSql(`alter table "survey_answer_set" drop constraint "survey_answer_set_round_id_foreign";`);
    this.addSql(`alter table "survey_answer" drop constraint "survey_answer_answer_set_id_foreign";`);

    this.addSql(`drop table if exists "questionnaire" cascade;`);
    this.addSql(`drop table if exists "questionnaire_version" cascade;`);
    this.addSql(`drop table if exists "survey_round" cascade;`);
    this.addSql(`drop table if exists "survey_invitation" cascade;`);
    this.addSql(`drop table if exists "survey_answer_set" cascade;`);
    this.addSql(`drop table if exists "survey_answer" cascade;`);
  }

}
