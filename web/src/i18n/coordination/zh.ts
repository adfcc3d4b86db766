import type { CoordinationMessages } from './en';

/** 简体中文：协调页面（事件、转介）。 */
export const coordinationZh: CoordinationMessages = {
  nav: { incidents: '事件', referrals: '转介与删除令' },
  incidents: {
    title: '事件', show: '显示', all: '全部', empty: '没有事件。', caption: '事件（{{count}}）', titleField: '标题', tier: '级别', status: '状态', declarer: '宣布节点', receivedFrom: '接收自',
    eventAt: '事件发生时间', discoveredAt: '发现时间', declaredAt: '宣布时间', concludedAt: '结束时间', thisNode: '本节点', distribution: '分发范围', leadProtocol: '主导协议', externalRefs: '外部引用',
    banks: '关联的库', partners: '参与处理的伙伴', id: '网络 ID', summary: '宣布内容', criteria: '启动标准', criterion: '标准', met: '符合', notMet: '不符合', reason: '理由', yes: '是', no: '否',
    criterionReason: '理由：{{criterion}}', signalUids: '关联的信号（网络 ID）', protocol: '协议', refId: '引用编号', join: '加入：本节点参与处理此事件', joined: '本节点已参与处理此事件。',
    surge: '每小时匹配数', surgeTable: '每小时匹配数（按伙伴节点）', noSurge: '尚无匹配汇总：伙伴每小时报告一次匹配。', hour: '小时',
    signals: '关联的信号', noSignals: '宣布时未关联信号。', browseSignals: '在此事件下提交的信号',
    referrals: '关联的转介', noReferrals: '此事件下没有转介。', sendReferral: '在此事件下发送转介',
    timeline: '共享时间线', entryEvent: '发生于：', entryDiscovered: '发现于：', signedBy: '由 {{node}} 撰写并签名（第 {{seq}} 条）', via: '经 {{node}} 转发', node: '节点',
    statuses: { open: '进行中', concluded: '已结束' },
    tiers: { perpetrator_content: '行凶者内容', content_incident: '内容事件', awareness: '知悉' },
    criteriaNames: { ongoing_attack: '袭击正在进行或刚刚发生', perpetrator_produced: '内容由行凶者制作', depicts_killing: '描绘杀戮或杀戮未遂', on_partner_services: '出现在伙伴的服务上' },
    kinds: {
      declared: '宣布', joined: '加入', note: '备注', action: '已采取的行动', variant: '发现新变体', signals_shared: '已共享信号', first_match: '首次匹配', matches: '匹配',
      alert: '警报', conclusion_proposed: '建议结束', concluded: '已结束', debrief: '复盘',
    },
    declare: {
      title: '宣布事件', heading: '宣布内容', criteriaHint: '逐项勾选是否符合，并说明理由。',
      noBanks: '尚无库。', addRef: '添加引用', removeRef: '删除引用 {{n}}', leadHint: '主导响应的协议（如有），例如 concord。', submit: '宣布',
    },
    note: { title: '添加到时间线', kind: '条目类型', text: '内容', eventAt: '发生时间（可选）', eventHint: '留空表示现在。', submit: '添加', added: '已添加到时间线。' },
    conclude: { title: '结束', hint: '只有宣布节点可以结束事件；届时测量复盘时间。', text: '结束说明', submit: '结束事件' },
    debrief: {
      title: '复盘', firstSignal: '首个共享信号', toFirstSignal: '从宣布到首个信号', duration: '持续时间', firstMatches: '各节点的首次匹配', at: '时间',
      afterDeclaration: '宣布之后', afterFirstSignal: '首个信号之后', noMatches: '尚无匹配报告。',
    },
  },
  referrals: {
    title: '转介与删除令', filters: '筛选', direction: '方向', all: '全部', out: '已发送', in: '已接收', status: '状态', overdueOnly: '仅显示逾期', apply: '应用',
    empty: '没有符合的转介。', caption: '转介（{{count}}）', kind: '类型', party: '对方', deadline: '期限', sentAt: '发送时间', receivedAt: '接收时间',
    one: '{{kind}} {{id}}', window: '时限', startedAt: '计时开始（接收）', pausedFor: '累计暂停', dueAt: '到期', parties: '各方', sender: '发送方', receiver: '接收方',
    scrutinyAuthority: '审查机关', thisNode: '本节点', incident: '事件', content: '内容与依据', label: '标签', grounds: '依据（第 2(7) 条）', legalBasis: '法律依据',
    statementOfReasons: '理由说明', redress: '救济途径', noticeWithheld: '对内容提供者的通知', withheldUntil: '暂不通知，直至 {{until}}', yes: '是', no: '否',
    receipt: '回执', receiptHash: '已签名发送事件的哈希', acknowledgedAt: '确认时间', notReceived: '尚未接收', obstacle: '障碍（附件三）', obstacleReason: '原因',
    explanation: '说明', reportedAt: '报告时间', state: '状态', obstacleOpen: '未解决：计时暂停', obstacleCleared: '已由发送方解决', noObstacle: '未报告障碍。',
    decision: '决定（附件二）', outcome: '结果', actedAt: '删除或禁用时间', actedJustNow: '刚刚已删除或禁用', decidedAt: '决定时间', reason: '理由', noDecision: '尚未决定。',
    scrutiny: '审查（第 4 条）', scrutinyRequestWindow: '可申请审查至', requestedAt: '申请时间', scrutinyDueAt: '审查决定到期', reinstatement: '恢复', finding: '审查结论',
    history: '已签名的历史', event: '事件', at: '时间', node: '撰写节点', signed: '签名', signedYes: '由撰写者签名，已在本节点验证', signedOwn: '在本节点撰写，签入本节点的数据流',
    kinds: { removal_order: '删除令', referral: '转介', threat_to_life: '生命威胁通知' },
    statuses: { sent: '已发送', received: '已接收', acknowledged: '已确认', obstructed: '存在障碍', decided: '已决定', voided: '已撤销' },
    roles: { sender: '已发送', receiver: '已接收', scrutiny: '审查副本' },
    stopsOn: { decision: '决定', acknowledgement: '确认' },
    stopsOnTitle: { decision: '距决定的剩余时间', acknowledgement: '距确认的剩余时间' },
    clock: {
      syncing: '正在读取节点时钟…', waiting: '接收后开始计时', left: '剩余 {{span}}（{{clock}}）', leftLabel: '距{{clock}}的剩余时间', overdue: '已逾期 {{span}}（{{clock}}）', paused: '因障碍暂停，剩余 {{span}}',
      acknowledged: '已停止：已确认', decided: '已停止：已决定', voided: '已停止：命令已撤销', leftPlain: '剩余 {{span}}', lateBy: '已逾期 {{span}}',
    },
    groundNames: {
      incites: '(a) 煽动实施恐怖主义犯罪', solicits_commission: '(b) 教唆实施恐怖主义犯罪', solicits_participation: '(c) 教唆参与恐怖组织活动',
      provides_instruction: '(d) 提供武器或手段的指导', threatens: '(e) 威胁实施恐怖主义犯罪', other_terrorist_content: '(f) 其他恐怖主义内容（第 2(7) 条）',
    },
    obstacles: { force_majeure: '不可抗力或事实上不可能', manifest_error: '命令存在明显错误', insufficient_information: '信息不足，无法执行' },
    outcomes: { removed: '已删除', disabled: '已禁止访问', not_removed: '未删除' },
    scrutinyStatuses: { none: '未申请', requested: '已申请', infringement: '认定违法', no_infringement: '未违法' },
    reinstatements: { pending: '待恢复', done: '已恢复' },
    events: {
      sent: '已发送', receipt: '回执', acknowledged: '已确认', obstacle: '障碍', cleared: '障碍已解决', decided: '已决定', scrutiny_requested: '已申请审查',
      scrutiny_decided: '审查已决定', complaint: '申诉', reinstated: '已恢复',
    },
    order: {
      title: '删除令（附件一）', issuingAuthority: '签发机关', reference: '文号', memberState: '成员国（两个字母）', issuedAt: '签发时间', contactPoint: '联络点（部门，而非个人）',
      viaHostAuthority: '经托管方所在国主管机关转交',
    },
    send: {
      title: '发送转介或删除令', heading: '发往伙伴节点', to: '伙伴节点 ID', toHint: '接收方伙伴的节点 ID。', urls: '内容 URL', signalUids: '信号（网络 ID）',
      onePerLine: '每行一个。', withhold: '暂不通知内容提供者（第 11(3) 条）', withheldUntil: '暂不通知直至', incidentHint: '可选：所属事件。',
      deadline: '审核期限', deadlineHint: '可选；否则使用网络默认值。', submit: '发送',
      clock: { removal_order: '接收方须在接收后一小时内删除或禁用。', referral: '请接收方按其条款在期限前审核。', threat_to_life: '接收方须在接收后的配置分钟数内确认。' },
    },
    actions: {
      title: '操作', choose: '操作', done: '已记录：{{action}}。', ack: '确认', obstacle: '报告障碍', clear: '解决障碍', decision: '作出决定', scrutiny: '申请审查',
      'scrutiny-decision': '作出审查决定', reinstatement: '记录恢复',
      text: { obstacle: '说明', clear: '补充信息或更正', decision: '理由（未删除时必填）', scrutiny: '申请审查的理由', 'scrutiny-decision': '理由', ack: '', reinstatement: '' },
    },
  },
};
