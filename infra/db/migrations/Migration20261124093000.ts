import { Migration } from '@mikro-orm/migrations';

// API processes remember who is behind a session token for a few seconds (api/auth/session-cache.ts).
// Every change that could make a remembered answer wrong - a session removed or shortened, an
// employee changed or deactivated, a role given or taken - notifies `crm_sessions` with the
// employee's id, whichever code or person made it, so each process forgets that employee at once.
export class Migration20261124093000 extends Migration {

  override name = 'Migration20261124093000';

  override up(): void | Promise<void> {
    this.addSql(`create function crm_sessions_changed() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'employee' then
    perform pg_notify('crm_sessions', coalesce(new.id, old.id)::text);
  else
    perform pg_notify('crm_sessions', coalesce(new.employee_id, old.employee_id)::text);
    if tg_op = 'UPDATE' and new.employee_id is distinct from old.employee_id then
      perform pg_notify('crm_sessions', old.employee_id::text);
    end if;
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger session_changed after update or delete on "session" for each row execute function crm_sessions_changed();`);
    this.addSql(`create trigger employee_changed after update or delete on "employee" for each row execute function crm_sessions_changed();`);
    this.addSql(`create trigger employee_roles_changed after insert or update or delete on "employee_roles" for each row execute function crm_sessions_changed();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger employee_roles_changed on "employee_roles";`);
    this.addSql(`drop trigger employee_changed on "employee";`);
    this.addSql(`drop trigger session_changed on "session";`);
    this.addSql(`drop function crm_sessions_changed();`);
  }
}
