import type { ComplaintMessages } from './en';

/** 简体中文：转介的申诉（第 10 条）与恢复。 */
export const complaintsZh: ComplaintMessages = {
  referrals: {
    complaints: {
      title: '申诉与恢复（第 10 条）', note: '只记录内容和决定，从不记录申诉人。', none: '没有记录的申诉。', caption: '已记录的申诉',
      at: '记录时间', contentRef: '内容', decision: '决定', decisions: { upheld: '成立', rejected: '驳回' },
      choices: { upheld: '成立：内容应予恢复', rejected: '驳回：维持删除' },
      reinstatement: '恢复', noReinstatement: '无待处理', pendingSince: '待处理', doneAt: '已于 {{at}} 完成',
      form: '记录申诉', submit: '记录申诉', recorded: '申诉已记录（{{decision}}）。',
      reinstateForm: '记录恢复', reinstateHint: '内容重新可访问后再记录。', reinstateSubmit: '记录恢复', reinstated: '恢复已记录。',
    },
  },
};
