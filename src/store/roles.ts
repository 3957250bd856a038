/** Role grants: the admins and FOI officers added with "role add", on top of the ids in config. */
import type { GrantableRole, RoleGrant } from './types.js';

export interface RoleStore {
  /** The roles granted to one person (their object id in any case). */
  rolesOf(aadObjectId: string): Promise<GrantableRole[]>;
  /** Every grant, or every grant of `role`, in the order they were added. */
  list(role?: GrantableRole): Promise<RoleGrant[]>;
  /** Adds a grant; false when the person already had that role granted. */
  add(grant: RoleGrant): Promise<boolean>;
  /** Removes a grant; false when there was none. */
  remove(aadObjectId: string, role: GrantableRole): Promise<boolean>;
}
