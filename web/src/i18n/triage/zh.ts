import type { TriageMessages } from './en';

/** 警报确认以及宣布表单、发送表单的选项列表的简体中文消息。 */
export const triageZh: TriageMessages = {
  alerts: {
    ack: {
      column: '确认情况', filter: '确认情况', states: { false: '尚未确认', true: '本组织已确认' },
      button: '确认', note: '备注（可选）', confirm: '提交确认', cancel: '取消', done: '警报已确认。',
      acknowledged: '已确认', byKey: '使用密钥 {{key}}', notAcknowledged: '未确认', repeatedSince: '此后再次触发',
    },
  },
  incidents: {
    declare: {
      tierConfigured: '本节点配置的级别。', tierRequires: '此级别必须符合：{{criteria}}。', tierRequiresNone: '此级别不要求必须符合任何标准。',
      tiersUnavailable: '无法读取已配置的级别：请输入级别名称。',
    },
  },
  referrals: {
    send: {
      partner: '伙伴节点', partnerHint: '与本节点联合的伙伴节点。', choosePartner: '选择伙伴节点', partnerOption: '{{name}}（{{id}}）',
      noPartners: '本节点尚未登记伙伴节点：须先由管理员登记。', partnersUnavailable: '无法读取伙伴节点：请输入接收节点的 ID。',
      noIncident: '不属于任何事件', incidentOption: '{{title}}（{{status}}）',
    },
  },
};
