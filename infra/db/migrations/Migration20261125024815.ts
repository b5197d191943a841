import { Migration } from '@mikro-orm/migrations';

export class Migration20261125024815 extends Migration {

  override name = 'Migration20261125024815';

  override up(): void | Promise<void> {
    this.addSql(`create table "process_item_list" ("list_id" uuid not null, "position" int not null, "process_id" uuid not null, "item" jsonb not null, primary key ("list_id", "position"));`);
    this.addSql(`create index "process_item_list_process_id_index" on "process_item_list" ("process_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "process_item_list" cascade;`);
  }

}
