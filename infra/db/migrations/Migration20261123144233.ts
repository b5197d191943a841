import { Migration } from '@mikro-orm/migrations';

export class Migration20261123144233 extends Migration {

  override name = 'Migration20261123144233';

  override up(): void | Promise<void> {
    this.addSql(`create table "calendar_settings" ("id" varchar(255) not null, "time_zone" varchar(255) not null, "region" varchar(255) null, "hours" jsonb null, "overrides" jsonb not null, "updated_at" timestamptz not null, "updated_by_id" uuid null, primary key ("id"));`);

    this.addSql(`alter table "calendar_settings" add constraint "calendar_settings_updated_by_id_foreign" foreign key ("updated_by_id") references "employee" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "calendar_settings" cascade;`);
  }

}
