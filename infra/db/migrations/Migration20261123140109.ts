import { Migration } from '@mikro-orm/migrations';

export class Migration20261123140109 extends Migration {

  override name = 'Migration20261123140109';

  override up(): void | Promise<void> {
    this.addSql(`alter table "process" add "parent_id" uuid null;`);
    this.addSql(`alter table "process" add constraint "process_parent_id_foreign" foreign key ("parent_id") references "process" ("id") on delete set null;`);
    this.addSql(`create index "process_parent_id_index" on "process" ("parent_id");`);

    this.addSql(`alter table "assignment" add "priority" text not null default 'normal';`);
    this.addSql(`alter table "assignment" alter column "due_at" drop not null;`);
    this.addSql(`alter table "assignment" add constraint "assignment_priority_check" check ("priority" in ('low', 'normal', 'high', 'urgent'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "process" drop constraint "process_parent_id_foreign";`);

    this.addSql(`alter table "assignment" drop constraint "assignment_priority_check";`);
    this.addSql(`alter table "assignment" drop column "priority";`);
    this.addSql(`alter table "assignment" alter column "due_at" set not null;`);

    this.addSql(`drop index "process_parent_id_index";`);
    this.addSql(`alter table "process" drop column "parent_id";`);
  }

}
