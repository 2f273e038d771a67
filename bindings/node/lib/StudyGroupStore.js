'use strict';
// StudyGroupStore over lks_store (lks.h): study groups, memberships, room sessions, attendance,
// webhook idempotency, removals, knocks, recordings and breakout rooms in SQLite or PostgreSQL. Every operation is database work and
// runs in the native library on libuv's thread pool; requests and results are the camelCase
// objects of docs/storage.md. Failures are LkStudyError (not_found, already_exists,
// resource_exhausted with reason 'group_full', invalid_argument naming the field, ...).
const native = require('./native');
const { LkStudyError, invalidArgument } = require('./errors');

// The operations of docs/storage.md; each becomes a method taking its request object.
const OPERATIONS = [
  'createGroup', 'getGroup', 'getGroupByRoomName', 'listGroupsForMember', 'updateGroup', 'setRoomSid', 'deleteGroup',
  'addMember', 'setMemberRole', 'removeMember', 'getMembership', 'listMembers',
  'openRoomSession', 'closeRoomSession', 'getRoomSession', 'listRoomSessions',
  'recordJoin', 'recordLeave', 'listAttendance',
  'markEventSeen', 'pruneEvents', 'addRemoval', 'isRemoved', 'countRemovals', 'getSessionUsage', 'getGroupUsage',
  'recordKnock', 'getKnock', 'decideKnock', 'listKnocks',
  'saveRecording', 'getRecording', 'listRecordings',
  'openBreakouts', 'closeBreakouts', 'listBreakouts', 'getBreakoutRoom',
];

// The native Store of a StudyGroupStore, for StudyGroups (which shares the database). Not exported
// from the package.
const kNativeStore = Symbol('lkstudy.nativeStore');

class StudyGroupStore {
  #store;
  #inFlight = 0;
  #idle = null;
  #closed = false;

  constructor(store) {
    this.#store = store;
  }

  /**
   * Opens a store and brings its schema up to date: 'sqlite:/path/groups.db', 'sqlite::memory:',
   * or a PostgreSQL URI ('postgres://user:pw@host:5432/db').
   */
  static async open(url) {
    if (typeof url !== 'string' || url === '') throw invalidArgument('url: required');
    const store = new native.Store();
    await store.open(url);
    return new StudyGroupStore(store);
  }

  /** The schema version this library migrates stores to. */
  static get schemaVersion() {
    return native.Store.schemaVersion();
  }

  /** Runs operation `op` (see docs/storage.md) with `request`; resolves with its result object. */
  async execute(op, request = {}) {
    if (this.#closed) throw new LkStudyError('store: closed', { code: 'failed_precondition' });
    if (typeof op !== 'string') throw invalidArgument('op: must be a string');
    this.#inFlight++;
    try {
      return JSON.parse(await this.#store.execute(op, JSON.stringify(request)));
    } finally {
      if (--this.#inFlight === 0 && this.#idle) this.#idle();
    }
  }

  [kNativeStore]() {
    if (this.#closed) throw new LkStudyError('store: closed', { code: 'failed_precondition' });
    return this.#store;
  }

  /** Waits for the operations in flight, then closes the database. Further calls are refused. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#inFlight > 0) await new Promise((resolve) => { this.#idle = resolve; });
    this.#store.close();
  }
}

for (const op of OPERATIONS) {
  Object.defineProperty(StudyGroupStore.prototype, op, {
    value: function (request) { return this.execute(op, request); },
    writable: true,
    configurable: true,
  });
}

module.exports = { StudyGroupStore, OPERATIONS, kNativeStore };
