/** Role grants held in memory. */
import type { RoleStore } from '../roles.js';
import type { GrantableRole, RoleGrant } from '../types.js';
import { change, copy, type Collection } from './collection.js';

export class MemoryRoles implements RoleStore {
  readonly #roles: Collection<RoleGrant>;

  constructor(roles: Collection<RoleGrant>) {
    this.#roles = roles;
  }

  async rolesOf(aadObjectId: string): Promise<GrantableRole[]> {
    const id = aadObjectId.toLowerCase();
    return this.#roles.items.filter((g) => g.aadObjectId.toLowerCase() === id).map((g) => g.role);
  }

  async list(role?: GrantableRole): Promise<RoleGrant[]> {
    return copy(this.#roles.items.filter((g) => !role || g.role === role));
  }

  add(grant: RoleGrant): Promise<boolean> {
    return change(this.#roles, (items) => {
      if (items.some((g) => g.aadObjectId === grant.aadObjectId && g.role === grant.role)) return false;
      items.push(copy(grant));
      return true;
    });
  }

  remove(aadObjectId: string, role: GrantableRole): Promise<boolean> {
    return change(this.#roles, (items) => {
      const at = items.findIndex((g) => g.aadObjectId === aadObjectId && g.role === role);
      if (at < 0) return false;
      items.splice(at, 1);
      return true;
    });
  }
}
