/**
 * Challenges (demand docking): the model both sides share — types, constants and pure rules,
 * no zod, so the platform page imports it without the schemas. docs/protocol.md
 * ("Challenges") describes every route.
 */

/** A field of the platform-wide taxonomy a challenge is filed under (智能制造, New materials…). */
export interface FieldPublic {
  id: string;
  nameZh: string;
  nameEn: string;
  /** An archived field keeps its challenges but is offered for no new one. */
  archived: boolean;
  createdAt: string;
}
