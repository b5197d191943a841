import { Migration } from '@mikro-orm/migrations';

export class Migration20261124190201 extends Migration {

  override name = 'Migration20261124190201';

  override up(): void | Promise<void> {
    this.addSql(`create table "portal_rate_counter" ("key" varchar(100) not null, "window_start" timestamptz not null, "hits" int not null, primary key ("key"));`);

    this.addSql(`create table "portal_request" ("id" uuid not null, "confirm_hash" varchar(64) not null, "name" varchar(200) not null, "email" varchar(320) not null, "phone" varchar(50) null, "kind" text not null, "subject" varchar(300) not null, "text" text not null, "company" varchar(300) null, "origin" varchar(300) not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "confirmed_at" timestamptz null, "complaint_id" uuid null, "access_hash" varchar(64) null, "revoked_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "portal_request" add constraint "portal_request_confirm_hash_unique" unique ("confirm_hash");`);
    this.addSql(`create index "portal_request_complaint_id_index" on "portal_request" ("complaint_id");`);
    this.addSql(`alter table "portal_request" add constraint "portal_request_access_hash_unique" unique ("access_hash");`);
    this.addSql(`create index "portal_request_expires_at_index" on "portal_request" ("expires_at");`);

    this.addSql(`alter table "portal_request" add constraint "portal_request_complaint_id_foreign" foreign key ("complaint_id") references "complaint" ("id") on delete set null;`);
    this.addSql(`alter table "portal_request" add constraint "portal_request_kind_check" check ("kind" in ('complaint', 'question'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "portal_rate_counter" cascade;`);
    this.addSql(`drop table if exists "portal_request" cascade;`);
  }

}
