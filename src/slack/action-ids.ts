/**
 * The ids that tie rendered messages to the listeners that handle them.
 * Every id here is registered by the app and declared by manifest.yml's
 * interactivity (a test checks both).
 */
export const ACTIONS = {
  /** Partner contact, on the suspected-violation DM. value: case id */
  replyAccept: 'reply_accept',
  /** Opens the dispute modal. value: case id */
  replyDispute: 'reply_dispute',
  /** Opens the objection modal, on the processing-notice DM. value: case id */
  objectOpen: 'object_open',
  /** Approver, on the approvals-channel message. value: determination id */
  determinationApprove: 'determination_approve',
  determinationReject: 'determination_reject',
  /** Staff: open the determination modal for a case. value: case id */
  determineOpen: 'determine_open',
  /** Staff: open the objection-answer modal. value: case id */
  answerOpen: 'answer_open',
  /** Staff: send the notice of a partner's report. value: case id */
  noticeSend: 'notice_send',
  /** Staff: open the modal that dismisses a partner's report with a reason (R-SCREEN). value: case id */
  dismissOpen: 'dismiss_open',
  /** App Home: open the report modal. */
  reportOpen: 'report_open',
  /** App Home pagination. value: page number */
  homePage: 'home_page',
  /** The same, for the "previous" button (action ids are unique within a block). value: page number */
  homePagePrev: 'home_page_prev',
  /** `/violation list` pagination (next / previous). value: JSON { f: filter, p: page } */
  listPage: 'list_page',
  listPagePrev: 'list_page_prev',
  /** R-COMPLAINT: staff open the answer modal, on the approvals-channel message. value: complaint id */
  complaintAnswerOpen: 'complaint_answer_open',
  /** R-EXIT-VOLUNTARY: an admin opens the exit-application modal, on `/partner exit` 's reply. value: partner id */
  exitApplyOpen: 'exit_apply_open',
} as const;

/** external_select / static_select action ids inside modals. */
export const INPUTS = {
  partner: 'partner_select',
  item: 'item_select',
  occurredOn: 'occurred_on',
  facts: 'facts',
  links: 'evidence_links',
  files: 'evidence_files',
  text: 'text',
  established: 'established',
  terminate: 'terminate',
  reasons: 'reasons',
  outcome: 'outcome',
  suspend: 'suspend',
  subject: 'subject',
  /** R-EXIT-VOLUNTARY: the application's dates and the customer-placement checklist. */
  appliedOn: 'applied_on',
  requestedEndOn: 'requested_end_on',
  agreementOn: 'agreement_on',
  checklist: 'checklist',
  /** The registry modals (R-CAT, issue 11): one action id per kind of input; the block ids tell them apart. */
  partnerId: 'partner_id',
  name: 'name',
  level: 'level',
  contacts: 'contacts',
  date: 'date',
  program: 'program',
  category: 'category',
  programAction: 'program_action',
} as const;

export const VIEWS = {
  report: 'report_submit',
  dispute: 'dispute_submit',
  objection: 'objection_submit',
  determine: 'determine_submit',
  answer: 'answer_submit',
  reject: 'reject_submit',
  dismiss: 'dismiss_submit',
  /** R-COMPLAINT: a partner's complaint against the vendor (`/partner complaint`). */
  complaint: 'complaint_submit',
  /** R-COMPLAINT: staff's answer to a complaint (the approvals message's button). */
  complaintAnswer: 'complaint_answer_submit',
  /** R-EXIT-VOLUNTARY: an admin records a partner's exit application (`/partner exit P1 apply`). */
  exitApply: 'exit_apply_submit',
  /** R-CAT (issue 11), admins: `/partner add` and `/partner edit PARTNER`. */
  partner: 'partner_submit',
  /** `/partner contract PARTNER [new]`: one contract term. */
  contract: 'contract_submit',
  /** `/partner program PARTNER`: joined or left a program. */
  program: 'program_submit',
} as const;

/** Slash commands, as declared in manifest.yml. */
export const COMMANDS = { violation: '/violation', partner: '/partner' } as const;
