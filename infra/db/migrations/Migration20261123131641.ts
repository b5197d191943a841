import { Migration } from '@mikro-orm/migrations';

export class Migration20261123131641 extends Migration {

  override name = 'Migration20261123131641';

  override up(): void | Promise<void> {
    this.addSql(`create table "department" ("id" uuid not null, "code" varchar(255) not null, "name" varchar(255) not null, primary key ("id"));`);
    this.addSql(`alter table "department" add constraint "department_code_unique" unique ("code");`);

    this.addSql(`create table "employee" ("id" uuid not null, "email" varchar(255) not null, "full_name" varchar(255) not null, "title" varchar(255) null, "password_hash" varchar(255) not null, "department_id" uuid null, "manager_id" uuid null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "employee" add constraint "employee_email_unique" unique ("email");`);

    this.addSql(`create table "role" ("code" varchar(255) not null, "name" varchar(255) not null, "kind" text not null, "description" text null, primary key ("code"));`);
    this.addSql(`alter table "role" add constraint "role_kind_check" check ("kind" in ('access', 'job'));`);

    this.addSql(`create table "employee_roles" ("employee_id" uuid not null, "role_code" varchar(255) not null, primary key ("employee_id", "role_code"));`);

    this.addSql(`create table "route" ("id" uuid not null, "key" varchar(255) not null, "name" varchar(255) not null, "draft" jsonb not null, "draft_revision" int not null default 1, "draft_updated_at" timestamptz not null, "draft_updated_by_id" uuid not null, "latest_version" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "route" add constraint "route_key_unique" unique ("key");`);

    this.addSql(`create table "route_version" ("id" uuid not null, "route_id" uuid not null, "version" int not null, "definition" jsonb not null, "published_at" timestamptz not null, "published_by_id" uuid not null, primary key ("id"));`);
    this.addSql(`alter table "route_version" add constraint "route_version_route_id_version_unique" unique ("route_id", "version");`);

    this.addSql(`create table "process" ("id" uuid not null, "workflow_id" varchar(255) not null, "route_version_id" uuid not null, "subject" varchar(255) not null, "variables" jsonb not null, "status" text not null default 'running', "result" jsonb null, "current_step_id" varchar(255) null, "current_step_name" varchar(255) null, "started_by_id" uuid not null, "started_at" timestamptz not null, "ended_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "process" add constraint "process_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "process_route_version_id_index" on "process" ("route_version_id");`);
    this.addSql(`create index "process_started_by_id_index" on "process" ("started_by_id");`);
    this.addSql(`create index "process_status_started_at_index" on "process" ("status", "started_at");`);
    this.addSql(`alter table "process" add constraint "process_status_check" check ("status" in ('running', 'completed', 'cancelled', 'failed'));`);

    this.addSql(`create table "assignment" ("id" uuid not null, "process_id" uuid not null, "step_id" varchar(255) not null, "step_name" varchar(255) not null, "instructions" text null, "assignee_id" uuid null, "role_code" varchar(255) null, "status" text not null default 'open', "outcomes" jsonb null, "form_fields" jsonb null, "opened_at" timestamptz not null, "due_at" timestamptz not null, "claimed_at" timestamptz null, "completed_at" timestamptz null, "completed_by_id" uuid null, "outcome" varchar(255) null, "form_data" jsonb null, primary key ("id"));`);
    this.addSql(`create index "assignment_process_id_index" on "assignment" ("process_id");`);
    this.addSql(`create index "assignment_assignee_id_status_index" on "assignment" ("assignee_id", "status");`);
    this.addSql(`create index "assignment_role_code_status_index" on "assignment" ("role_code", "status");`);
    this.addSql(`alter table "assignment" add constraint "assignment_status_check" check ("status" in ('open', 'completed', 'withdrawn'));`);

    this.addSql(`create table "session" ("token_hash" varchar(255) not null, "employee_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("token_hash"));`);
    this.addSql(`create index "session_employee_id_index" on "session" ("employee_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(`create table "step_event" ("id" uuid not null, "key" varchar(255) not null, "process_id" uuid not null, "type" varchar(255) not null, "step_id" varchar(255) null, "assignment_id" uuid null, "actor_id" uuid null, "at" timestamptz not null, "data" jsonb null, primary key ("id"));`);
    this.addSql(`alter table "step_event" add constraint "step_event_key_unique" unique ("key");`);
    this.addSql(`create index "step_event_process_id_at_index" on "step_event" ("process_id", "at");`);

    this.addSql(`alter table "employee" add constraint "employee_department_id_foreign" foreign key ("department_id") references "department" ("id") on delete set null;`);
    this.addSql(`alter table "employee" add constraint "employee_manager_id_foreign" foreign key ("manager_id") references "employee" ("id") on delete set null;`);

    this.addSql(`alter table "employee_roles" add constraint "employee_roles_employee_id_foreign" foreign key ("employee_id") references "employee" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "employee_roles" add constraint "employee_roles_role_code_foreign" foreign key ("role_code") references "role" ("code") on update cascade on delete cascade;`);

    this.addSql(`alter table "route" add constraint "route_draft_updated_by_id_foreign" foreign key ("draft_updated_by_id") references "employee" ("id");`);

    this.addSql(`alter table "route_version" add constraint "route_version_route_id_foreign" foreign key ("route_id") references "route" ("id");`);
    this.addSql(`alter table "route_version" add constraint "route_version_published_by_id_foreign" foreign key ("published_by_id") references "employee" ("id");`);

    this.addSql(`alter table "process" add constraint "process_route_version_id_foreign" foreign key ("route_version_id") references "route_version" ("id");`);
    this.addSql(`alter table "process" add constraint "process_started_by_id_foreign" foreign key ("started_by_id") references "employee" ("id");`);

    this.addSql(`alter table "assignment" add constraint "assignment_process_id_foreign" foreign key ("process_id") references "process" ("id");`);
    this.addSql(`alter table "assignment" add constraint "assignment_assignee_id_foreign" foreign key ("assignee_id") references "employee" ("id") on delete set null;`);
    this.addSql(`alter table "assignment" add constraint "assignment_role_code_foreign" foreign key ("role_code") references "role" ("code") on delete set null;`);
    this.addSql(`alter table "assignment" add constraint "assignment_completed_by_id_foreign" foreign key ("completed_by_id") references "employee" ("id") on delete set null;`);

    this.addSql(`alter table "session" add constraint "session_employee_id_foreign" foreign key ("employee_id") references "employee" ("id");`);

    this.addSql(`alter table "step_event" add constraint "step_event_process_id_foreign" foreign key ("process_id") references "process" ("id");`);
    this.addSql(`alter table "step_event" add constraint "step_event_actor_id_foreign" foreign key ("actor_id") references "employee" ("id") on delete set null;`);
  }

}
