/**
 * Chinese notice elements the cue lists alone misread: a deletion after a period is how long data
 * is kept, not a right of the user; an e-mail address the user is told to write to is the
 * controller's contact.
 */
import type { Evidence, NoticeEntry } from '../model/practice.js';

const PERIOD = /(?:\d+|[一二三四五六七八九十百两]+)\s*(?:个)?(?:自然日|工作日|天|日|周|个月|月|年)/;
const DELETION_AFTER = /(?:后|内|之后|届满时?|到期后?)[^，。；]{0,6}(?:删除|销毁|匿名化)/;
/** Words that make a deletion the user's to ask for. */
const RIGHTS = /有权|权利|您可以|您可|你可以|请求|申请|要求我们|注销/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const WRITE_TO = /电子邮件|邮箱|邮件|致信|来信|发送至|联系/;

/** The entries of noticeFromSentence for a Chinese sentence, corrected. */
export function zhNoticeRefine(text: string, out: NoticeEntry[], evidence: Evidence): NoticeEntry[] {
  let entries = out;
  // "连接日志在90天后删除": retention, with its period.
  const period = PERIOD.exec(text)?.[0];
  if (period && DELETION_AFTER.test(text) && !RIGHTS.test(text)) {
    entries = entries.filter((n) => n.element !== 'data_subject_rights');
    if (!entries.some((n) => n.element === 'retention_period')) entries.push({ element: 'retention_period', evidence, value: period });
  }
  // "如有疑问，可发送电子邮件至 privacy@…": the controller's contact (a DPO's address is named as such).
  const email = EMAIL.exec(text)?.[0];
  if (email && WRITE_TO.test(text) && !entries.some((n) => n.element === 'controller_contact' || n.element === 'dpo_contact')) {
    entries.push({ element: 'controller_contact', evidence, value: email });
  }
  return entries;
}
