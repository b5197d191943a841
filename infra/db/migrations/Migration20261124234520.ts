import { Migration } from '@mikro-orm/migrations';

export class Migration20261124234520 extends Migration {

  override name = 'Migration20261124234520';

  override up(): void | Promise<void> {
    this.addSql(`create table "case_timing" ("process_id" uuid not null, "route_version_id" uuid not null, "started_by_id" uuid not null, "status" varchar(255) not null, "started_at" timestamptz not null, "ended_at" timestamptz not null, "variant" text[] not null, "working_ms" bigint null, primary key ("process_id"));`);
    this.addSql(`create index "case_timing_route_version_id_ended_at_index" on "case_timing" ("route_version_id", "ended_at");`);

    this.addSql(`create table "step_timing" ("assignment_id" uuid not null, "process_id" uuid not null, "route_version_id" uuid not null, "step_id" varchar(255) not null, "holder_id" uuid null, "holder_department_id" uuid null, "role_code" varchar(255) null, "opened_at" timestamptz not null, "claimed_at" timestamptz null, "closed_at" timestamptz not null, "due_at" timestamptz null, "status" text not null, "outcome" varchar(255) null, "working_ms" bigint null, "queue_ms" bigint null, "assigned_ms" bigint null, "over_due" boolean not null, "visit" int not null, primary key ("assignment_id"));`);
    this.addSql(`create index "step_timing_route_version_id_step_id_closed_at_index" on "step_timing" ("route_version_id", "step_id", "closed_at");`);
    this.addSql(`create index "step_timing_process_id_step_id_index" on "step_timing" ("process_id", "step_id");`);
    this.addSql(`create index "step_timing_holder_id_closed_at_index" on "step_timing" ("holder_id", "closed_at");`);

    this.addSql(`alter table "step_timing" add constraint "step_timing_status_check" check ("status" in ('completed', 'withdrawn'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "case_timing" cascade;`);
    this.addSql(`drop table if exists "step_timing" cascade;`);
  }

}
