/**
 * English strings of the challenges pages (/platform/challenges, /platform/fields). Spread
 * into `en`; `challengeZh.ts` must have exactly the same keys.
 */
export const challengeEn = {
  'challenge.nav.fields': 'Fields',

  'challenge.fields.title': 'Fields',
  'challenge.fields.lead': 'The taxonomy challenges are filed under. Archived fields keep their challenges but are offered for no new one.',
  'challenge.fields.nameZh': 'Chinese name',
  'challenge.fields.nameEn': 'English name',
  'challenge.fields.state': 'State',
  'challenge.fields.actions': 'Actions',
  'challenge.fields.active': 'In use',
  'challenge.fields.archived': 'Archived',
  'challenge.fields.archive': 'Archive',
  'challenge.fields.restore': 'Restore',
  'challenge.fields.rename': 'Rename',
  'challenge.fields.save': 'Save',
  'challenge.fields.cancel': 'Cancel',
  'challenge.fields.addTitle': 'Add a field',
  'challenge.fields.add': 'Add field',
  'challenge.fields.added': 'Added: {name}.',
  'challenge.fields.saved': 'Saved: {name}.',
  'challenge.fields.empty': 'No fields yet. Add the first one below.',
  'challenge.fields.namesMissing': 'Enter both names.',
};
