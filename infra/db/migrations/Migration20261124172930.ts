import { Migration } from '@mikro-orm/migrations';

export class Migration20261124172930 extends Migration {

  override name = 'Migration20261124172930';

  override up(): void | Promise<void> {
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_by_id_foreign";`);

    this.addSql(`alter table "process" add "record_type" varchar(50) null, add "record_id" uuid null;`);
    this.addSql(`create index "process_record_type_record_id_index" on "process" ("record_type", "record_id");`);

    this.addSql(`alter table "deal_stage_change" add "process_id" uuid null;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_process_id_foreign" foreign key ("process_id") references "process" ("id") on delete set null;`);
    this.addSql(`alter table "deal_stage_change" alter column "by_id" drop not null;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_by_id_foreign" foreign key ("by_id") references "employee" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_process_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_by_id_foreign";`);

    this.addSql(`alter table "deal_stage_change" drop column "process_id";`);
    this.addSql(`alter table "deal_stage_change" alter column "by_id" set not null;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_by_id_foreign" foreign key ("by_id") references "employee" ("id");`);

    this.addSql(`drop index "process_record_type_record_id_index";`);
    this.addSql(`alter table "process" drop column "record_type", drop column "record_id";`);
  }

}
