import type { Log } from '../logger.js';
import type { Server as HttpServer } from 'node:http';
import type { Links } from '../presenters.js';
import type { ScaleOut } from '../scale/redisConnection.js';
import type { Store } from '../store/Store.js';
import { CommentService } from './CommentService.js';
import { DocumentManager } from './DocumentManager.js';
import type { DocumentOptions } from './ProposalDocument.js';
import { ProposalAccess } from './ProposalAccess.js';
import { ProposalService, type ProposalCreated } from './ProposalService.js';
import { VersionService } from './VersionService.js';
import { attachYjsServer, type YjsServer } from './yjsUpgrade.js';
import { YjsCluster } from './YjsCluster.js';

/** Persistence tuning a test may shorten (see DocumentOptions). */
export type ProposalTuning = Pick<
  DocumentOptions,
  'persistDebounceMs' | 'compactAfterUpdates' | 'autoVersionIntervalMs' | 'autoVersionsKept' | 'docMaxBytes' | 'connectionsMax'
>;

/** Everything of proposal co-authoring: services for the HTTP routes and the Yjs server. */
export interface ProposalRuntime {
  access: ProposalAccess;
  documents: DocumentManager;
  proposals: ProposalService;
  comments: CommentService;
  versions: VersionService;
  /** Serves /yjs/<id> on the app's HTTP server (call once, after Socket.IO is attached). */
  attach(http: HttpServer, otherPaths: readonly string[]): void;
  /** Closes every Yjs connection and writes every loaded document (server stop). */
  close(): Promise<void>;
}

export function createProposals(options: {
  store: Store;
  links: Links;
  log: Log;
  now: () => number;
  tuning?: ProposalTuning;
  /** Told of every proposal made in a live session (the pipeline's automatic entry); must not throw. */
  onProposalCreated?: (created: ProposalCreated) => Promise<void>;
  /** Other processes hold documents too: keep them in step through Redis (see YjsCluster). */
  scaleOut?: ScaleOut | null;
}): ProposalRuntime {
  const { store, links, log, now } = options;
  const access = new ProposalAccess(store);
  const cluster = options.scaleOut ? YjsCluster.start(options.scaleOut, log) : null;
  const documents = new DocumentManager({ store: store.proposals, log, now, ...options.tuning }, cluster);
  let yjs: YjsServer | null = null;
  return {
    access,
    documents,
    proposals: new ProposalService(store, access, documents, links, options.onProposalCreated),
    comments: new CommentService(store, documents),
    versions: new VersionService(store, documents),
    attach(http, otherPaths) {
      yjs = attachYjsServer(http, { access, documents, log, otherPaths });
    },
    async close() {
      await (yjs ? yjs.close() : documents.close());
      // After the final writes, which take the shared log's lock.
      await cluster?.close();
    },
  };
}
