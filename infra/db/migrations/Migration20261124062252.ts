import { Migration } from '@mikro-orm/migrations';

export class Migration20261124062252 extends Migration {

  override name = 'Migration20261124062252';

  override up(): void | Promise<void> {
    this.addSql(`alter table "mail_message" drop constraint "mail_message_status_check";`);
    this.addSql(`alter table "mail_message" add "last_attempt_at" timestamptz null, add "next_attempt_at" timestamptz null;`);
    this.addSql(`create index "mail_message_next_attempt_at_index" on "mail_message" ("next_attempt_at");`);
    // Failed mail was given up after three tries; queued mail is due at once.
    this.addSql(`update "mail_message" set "status" = 'given_up' where "status" = 'failed';`);
    this.addSql(`update "mail_message" set "next_attempt_at" = "created_at" where "status" = 'queued';`);
    this.addSql(`alter table "mail_message" add constraint "mail_message_status_check" check ("status" in ('queued', 'retrying', 'sent', 'given_up'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "mail_message_next_attempt_at_index";`);
    this.addSql(`alter table "mail_message" drop constraint "mail_message_status_check";`);
    this.addSql(`update "mail_message" set "status" = case "status" when 'retrying' then 'queued' when 'given_up' then 'failed' else "status" end;`);
    this.addSql(`alter table "mail_message" drop column "last_attempt_at", drop column "next_attempt_at";`);
    this.addSql(`alter table "mail_message" add constraint "mail_message_status_check" check ("status" in ('queued', 'sent', 'failed'));`);
  }

}
