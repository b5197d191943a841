import { Migration } from '@mikro-orm/migrations';

export class Migration20261124094527 extends Migration {

  override name = 'Migration20261124094527';

  override up(): void | Promise<void> {
    this.addSql(`create index "employee_manager_id_index" on "employee" ("manager_id");`);

    this.addSql(`create index "assignment_completed_by_id_process_id_index" on "assignment" ("completed_by_id", "process_id");`);
    this.addSql(`create index "assignment_role_code_process_id_index" on "assignment" ("role_code", "process_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "assignment_completed_by_id_process_id_index";`);
    this.addSql(`drop index "assignment_role_code_process_id_index";`);

    this.addSql(`drop index "employee_manager_id_index";`);
  }

}
