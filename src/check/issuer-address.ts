import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/**
 * issuer-address (warning): the running footer of a document's printed pages gives its press contact and the
 * address of the contact's organisation; an organisation without `address` prints a footer without one.
 */
export function issuerAddress(context: CheckContext): void {
  const users = new Map<string, string[]>();
  for (const document of context.project.documents) {
    const contact = context.project.contacts.get(document.settings.footer_contact);
    if (!contact) continue; // an unknown contact is reported when loading
    users.set(contact.organisation, [...(users.get(contact.organisation) ?? []), `"${document.slug}" (footer_contact: ${contact.id})`]);
  }
  for (const [id, documents] of users) {
    const organisation = context.project.organisations.get(id);
    if (!organisation || organisation.address !== undefined) continue;
    const data = context.data(organisation.definedAt.file);
    if (!data) continue;
    report(
      data.file,
      `The organisation "${id}" has no address, yet the running footer of ${documents.join(', ')} prints the address of its press contact's organisation: the footer would show none. Add "address: …" (street, postcode and town, e.g. "20 avenue de Ségur, 75007 Paris") to "${id}", or choose a footer_contact of an organisation that has one.`,
      'issuer-address',
      'warning',
      data.places.key([id]),
    );
  }
}
