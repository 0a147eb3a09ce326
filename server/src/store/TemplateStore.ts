import type { SessionTemplateContent } from '@ideasphere/shared';

/** A session template an organiser saved. */
export interface TemplateRecord {
  id: string;
  accountId: string;
  name: string;
  content: SessionTemplateContent;
  createdAt: Date;
}

/** Session templates (`store.templates`), each its owner's alone. */
export interface TemplateStore {
  /** Stores it unless the account already keeps `max`: then false and nothing stored (checked in the same write). */
  insertTemplate(template: TemplateRecord, max: number): Promise<boolean>;
  getTemplate(accountId: string, templateId: string): Promise<TemplateRecord | null>;
  /** The account's templates, newest first. */
  listTemplates(accountId: string): Promise<TemplateRecord[]>;
  deleteTemplate(accountId: string, templateId: string): Promise<boolean>;
}
