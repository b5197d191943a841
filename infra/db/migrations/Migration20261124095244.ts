import { Migration } from '@mikro-orm/migrations';

export class Migration20261124095244 extends Migration {

  override name = 'Migration20261124095244';

  override up(): void | Promise<void> {
    this.addSql(`create table "integration_key" ("id" uuid not null, "name" varchar(255) not null, "prefix" varchar(255) not null, "secret_hash" varchar(255) not null, "scopes" jsonb not null, "created_by_id" uuid not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "revoked_by_id" uuid null, "last_used_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "integration_key" add constraint "integration_key_name_unique" unique ("name");`);
    this.addSql(`alter table "integration_key" add constraint "integration_key_secret_hash_unique" unique ("secret_hash");`);

    this.addSql(`alter table "integration_key" add constraint "integration_key_created_by_id_foreign" foreign key ("created_by_id") references "employee" ("id");`);
    this.addSql(`alter table "integration_key" add constraint "integration_key_revoked_by_id_foreign" foreign key ("revoked_by_id") references "employee" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "integration_key" cascade;`);
  }

}
