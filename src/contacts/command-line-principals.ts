import type { Principal, StaffMember } from './model.js';

// Who acts at the command line: the operator who runs the bot, or a member of staff it names.

/** The CLI operator: runs the bot, may do everything; named in the audit log. */
export function operatorPrincipal(name: string): Principal {
  return { role: 'admin', label: `cli:${name}`, municipalities: null, contactIds: [] };
}

/**
 * A member of staff acting outside chat (at the command line), with the rights their record gives:
 * their municipality's, or every municipality's for an administrator. The label names the record,
 * so the audit log and the ticket say who it was, not which OS account ran the command.
 */
export function staffPrincipal(member: StaffMember): Principal {
  return { role: member.role, label: `staff:${member.id}`, municipalities: member.role === 'admin' ? null : member.municipality ? [member.municipality] : [], contactIds: [] };
}

/** True when the member of staff may act for the municipality: its own staff, or an administrator. */
export function staffServes(member: StaffMember, municipality: string): boolean {
  return member.role === 'admin' || member.municipality === municipality;
}
