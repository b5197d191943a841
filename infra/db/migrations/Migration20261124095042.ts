import { Migration } from '@mikro-orm/migrations';

// The audit log (domain/audit/entities.ts), made append-only by the database itself: whatever code
// or person runs UPDATE, DELETE or TRUNCATE on it gets an error, so not even a bug in the product
// can rewrite history. And the sign-in limiter's counters (api/auth/login-limiter.ts): the
// library's own table layout, created here so the API needs no CREATE right at run time.

export class Migration20261124095042 extends Migration {

  override name = 'Migration20261124095042';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_entry" ("id" uuid not null, "at" timestamptz not null, "actor" uuid null, "actor_kind" varchar(16) not null, "actor_label" varchar(320) null, "action" varchar(64) not null, "target_type" varchar(64) null, "target_id" varchar(255) null, "details" jsonb null, "ip" varchar(64) null, "user_agent" varchar(512) null, "status" smallint not null, primary key ("id"));`);
    this.addSql(`create index "audit_entry_at_id_index" on "audit_entry" ("at", "id");`);
    this.addSql(`create index "audit_entry_actor_at_index" on "audit_entry" ("actor", "at");`);
    this.addSql(`create index "audit_entry_action_at_index" on "audit_entry" ("action", "at");`);
    this.addSql(`create index "audit_entry_target_type_target_id_at_index" on "audit_entry" ("target_type", "target_id", "at");`);
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'The audit log is append-only: % is not allowed on audit_entry', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger audit_entry_no_change before update or delete on "audit_entry" for each row execute function audit_entry_append_only();`);
    this.addSql(`create trigger audit_entry_no_truncate before truncate on "audit_entry" for each statement execute function audit_entry_append_only();`);
    this.addSql(`create table "login_limit" ("key" varchar(255) primary key, "points" integer not null default 0, "expire" bigint);`);
    this.addSql(`create index "login_limit_expire_index" on "login_limit" ("expire");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "login_limit";`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop function if exists audit_entry_append_only();`);
  }

}
