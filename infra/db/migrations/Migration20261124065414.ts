import { Migration } from '@mikro-orm/migrations';

export class Migration20261124065414 extends Migration {

  override name = 'Migration20261124065414';

  override up(): void | Promise<void> {
    this.addSql(`drop index "process_route_version_id_index";`);
    this.addSql(`drop index "process_started_by_id_index";`);
    this.addSql(`drop index "process_status_started_at_index";`);
    this.addSql(`create index "process_started_at_id_index" on "process" ("started_at", "id");`);
    this.addSql(`create index "process_status_started_at_id_index" on "process" ("status", "started_at", "id");`);
    this.addSql(`create index "process_started_by_id_started_at_id_index" on "process" ("started_by_id", "started_at", "id");`);
    this.addSql(`create index "process_route_version_id_started_at_id_index" on "process" ("route_version_id", "started_at", "id");`);

    this.addSql(`drop index "assignment_assignee_id_status_index";`);
    this.addSql(`drop index "assignment_role_code_status_index";`);
    this.addSql(`create index "assignment_assignee_id_status_due_at_id_index" on "assignment" ("assignee_id", "status", "due_at", "id");`);
    this.addSql(`create index "assignment_assignee_id_status_completed_at_id_index" on "assignment" ("assignee_id", "status", "completed_at", "id");`);
    this.addSql(`create index "assignment_queue_index" on "assignment" ("role_code", "due_at", "id") where status = 'open' and assignee_id is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "assignment_assignee_id_status_due_at_id_index";`);
    this.addSql(`drop index "assignment_assignee_id_status_completed_at_id_index";`);
    this.addSql(`drop index "assignment_queue_index";`);
    this.addSql(`create index "assignment_assignee_id_status_index" on "assignment" ("assignee_id", "status");`);
    this.addSql(`create index "assignment_role_code_status_index" on "assignment" ("role_code", "status");`);

    this.addSql(`drop index "process_started_at_id_index";`);
    this.addSql(`drop index "process_status_started_at_id_index";`);
    this.addSql(`drop index "process_started_by_id_started_at_id_index";`);
    this.addSql(`drop index "process_route_version_id_started_at_id_index";`);
    this.addSql(`create index "process_route_version_id_index" on "process" ("route_version_id");`);
    this.addSql(`create index "process_started_by_id_index" on "process" ("started_by_id");`);
    this.addSql(`create index "process_status_started_at_index" on "process" ("status", "started_at");`);
  }

}
