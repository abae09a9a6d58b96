import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { isValidPhone, PhoneError } from '../locale/format-phone.js';
import type { CheckContext } from './context.js';
import { report } from '../core/messages.js';

/**
 * contacts (error; warning for a number of another country or a shared phone): phone numbers valid for their
 * country, no duplicate contacts, no contact listed twice in a release. (The syntax of e-mail addresses and the
 * ids a release lists are checked when loading: "schema" and "unknown-id".)
 */
export function contacts(context: CheckContext): void {
  const byEmail = new Map<string, string>();
  const byPhone = new Map<string, string>();
  for (const contact of context.project.contacts.values()) {
    const data = context.data(contact.definedAt.file);
    if (!data) continue;
    const email = contact.email.toLowerCase();
    const sameEmail = byEmail.get(email);
    if (sameEmail) {
      report(data.file, `The contact "${contact.id}" has the same e-mail address as "${sameEmail}" (${contact.email}): a contact is listed once. Remove the duplicate and cite "${sameEmail}" instead.`, 'contacts', 'error', data.places.value([contact.id, 'email']));
    } else {
      byEmail.set(email, contact.id);
    }
    if (contact.phone === undefined) continue;
    const country = (contact.country ?? 'FR') as CountryCode;
    const place = data.places.value([contact.id, 'phone']);
    if (!isValidPhone(contact.phone, country)) {
      report(data.file, `Contact "${contact.id}": ${new PhoneError(contact.phone, country).message}${contact.country ? '' : ' (the country is FR unless "country" says otherwise)'}. Correct the number, or set "country" to the country it belongs to.`, 'contacts', 'error', place);
      continue;
    }
    const phone = parsePhoneNumberFromString(contact.phone, { defaultCountry: country })!;
    if (phone.country !== undefined && phone.country !== country) {
      report(data.file, `The phone number "${contact.phone}" of the contact "${contact.id}" is a number of ${phone.country}, but the contact's country is ${country}${contact.country ? '' : ' (the default)'}: set "country: ${phone.country}", or correct the number.`, 'contacts', 'warning', place);
    }
    const samePhone = byPhone.get(phone.number);
    if (samePhone) {
      report(data.file, `The contact "${contact.id}" has the same phone number as "${samePhone}" (${contact.phone}): if they are the same press office, keep one contact; if the line is shared, ignore this warning.`, 'contacts', 'warning', place);
    } else {
      byPhone.set(phone.number, contact.id);
    }
  }

  for (const release of context.project.releases) {
    const data = context.data(release.source.file);
    if (!data) continue;
    release.settings.contacts.forEach((id, i) => {
      if (release.settings.contacts.indexOf(id) === i) return;
      report(data.file, `The contact "${id}" is listed twice in "contacts": list each contact once.`, 'contacts', 'error', data.places.value(['contacts', i]));
    });
  }
}
