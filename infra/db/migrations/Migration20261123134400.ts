import { Migration } from '@mikro-orm/migrations';

export class Migration20261123134400 extends Migration {

  override name = 'Migration20261123134400';

  override up(): void | Promise<void> {
    this.addSql(`create table "mail_message" ("id" uuid not null, "key" varchar(255) not null, "to" varchar(255) not null, "subject" text not null, "text" text not null, "created_at" timestamptz not null, "status" text not null default 'queued', "sent_at" timestamptz null, "error" text null, "attempts" int not null default 0, primary key ("id"));`);
    this.addSql(`alter table "mail_message" add constraint "mail_message_key_unique" unique ("key");`);
    this.addSql(`create index "mail_message_status_created_at_index" on "mail_message" ("status", "created_at");`);

    this.addSql(`create table "notification" ("id" uuid not null, "key" varchar(255) not null, "recipient_id" uuid not null, "kind" varchar(255) not null, "title" text not null, "body" text not null, "link" varchar(255) null, "process_id" uuid null, "created_at" timestamptz not null, "read_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "notification" add constraint "notification_key_unique" unique ("key");`);
    this.addSql(`create index "notification_process_id_index" on "notification" ("process_id");`);
    this.addSql(`create index "notification_recipient_id_read_at_index" on "notification" ("recipient_id", "read_at");`);

    this.addSql(`alter table "mail_message" add constraint "mail_message_status_check" check ("status" in ('queued', 'sent', 'failed'));`);

    this.addSql(`alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "employee" ("id");`);
    this.addSql(`alter table "notification" add constraint "notification_process_id_foreign" foreign key ("process_id") references "process" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "mail_message" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
  }

}
