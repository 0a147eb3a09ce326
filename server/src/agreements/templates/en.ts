import type { AgreementKind } from '@ideasphere/shared';

/**
 * The English templates (see zh.ts): starting points written for the platform, not legal
 * advice; each organisation has its texts reviewed.
 */
export const templatesEn: Record<AgreementKind, string> = {
  nda: `Party A: {{partyA}}
Party B: {{partyB}}

The parties are discussing the challenge "{{challengeTitle}}" and the proposal "{{proposalTitle}}". To protect confidential information disclosed in these discussions, they agree as follows.

1. Confidential information
Confidential information is any non-public technical or business information one party discloses to the other in writing, orally or electronically.

2. Obligations
The receiving party keeps confidential information secret, uses it only to evaluate the cooperation, and discloses it to no third party without the disclosing party's written consent.

3. Term
This agreement takes effect on {{startDate}}; the obligations last until {{endDate}}, and for trade secrets beyond that date.

4. General
The parties agree to sign this agreement electronically; an electronic signature has the same effect as a handwritten one.`,

  cooperation: `Party A: {{partyA}}
Party B: {{partyB}}

Following Party A's challenge "{{challengeTitle}}" and Party B's proposal "{{proposalTitle}}", the parties agree to cooperate as follows.

1. Scope
Party B carries out research and implementation according to its proposal; Party A provides the data, premises and staff needed.

2. Reward
Party A pays Party B: {{reward}}. Payment terms and milestones are confirmed separately in writing.

3. Term
From {{startDate}} to {{endDate}}.

4. Intellectual property
Ownership of intellectual property created in the cooperation is agreed separately; failing that, it belongs to the party that created it, and the other party may use it free of charge within the cooperation.

5. Confidentiality
Each party keeps the other's confidential information secret.

6. Disputes
The parties settle disputes by negotiation first, then before the competent court at Party A's seat.

7. Electronic signature
The parties agree to sign this agreement electronically; an electronic signature has the same effect as a handwritten one.`,

  ip_licence: `Licensor (Party A): {{partyA}}
Licensee (Party B): {{partyB}}

Concerning the intellectual property in the proposal "{{proposalTitle}}" (challenge "{{challengeTitle}}"), the parties agree as follows.

1. Licence
Party A grants Party B a non-exclusive licence to use this intellectual property within the cooperation project.

2. Fee
The licence fee is: {{reward}}.

3. Term
From {{startDate}} to {{endDate}}.

4. General
Party B may not sublicense. The parties agree to sign this agreement electronically.`,

  ip_assignment: `Assignor (Party A): {{partyA}}
Assignee (Party B): {{partyB}}

Concerning the intellectual property in the proposal "{{proposalTitle}}" (challenge "{{challengeTitle}}"), the parties agree as follows.

1. Assignment
Party A assigns to Party B all intellectual property rights in the proposal.

2. Price
The price of the assignment is: {{reward}}.

3. Effect
This agreement takes effect on {{startDate}}. Party A warrants that it holds the full rights it assigns.

4. General
The parties agree to sign this agreement electronically.`,
};
