import { Migration } from '@mikro-orm/migrations';

export class Migration20261124062155 extends Migration {

  override name = 'Migration20261124062155';

  override up(): void | Promise<void> {
    this.addSql(`create table "idempotency_key" ("id" uuid not null, "actor_id" uuid not null, "key" varchar(255) not null, "method" varchar(10) not null, "path" text not null, "request_hash" varchar(64) not null, "owner" varchar(255) not null, "status_code" int null, "content_type" varchar(255) null, "response_body" text null, "created_at" timestamptz not null, "completed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "idempotency_key_created_at_index" on "idempotency_key" ("created_at");`);
    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_actor_id_key_unique" unique ("actor_id", "key");`);

    this.addSql(`alter table "idempotency_key" add constraint "idempotency_key_actor_id_foreign" foreign key ("actor_id") references "employee" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }

}
