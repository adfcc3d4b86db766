import type { Messages } from './en';

/** 简体中文 */
export const zh: Messages = {
  app: { title: 'Concord 控制台', skip: '跳到内容', nav: '主导航', signOut: '退出登录', language: '语言', signedInAs: '已登录：{{partner}}（{{roles}}）', loading: '加载中…', error: '错误：{{message}}', retry: '重试' },
  nav: { dashboard: '仪表板', hash: '哈希与提交', review: '审核队列', banks: '库', signals: '信号', partners: '合作方与同步', keys: '密钥与角色', audit: '审计日志', alerts: '警报', transparency: '透明度报告' },
  signIn: { title: '登录', key: 'API 密钥', submit: '登录', help: '密钥只保存在此浏览器标签页中，退出登录即被清除。', invalid: '此密钥被拒绝：{{message}}' },
  dashboard: { title: '仪表板', index: '索引大小', health: '节点健康状况', status: '状态：{{status}}', problems: '问题', byLabel: '各标签的信号与匹配数', byType: '各信号类型的信号与匹配数', chart: '各标签的匹配数', sync: '合作方同步状况', noPartners: '尚未登记合作方节点。', type: '类型', count: '条目', alerts: '最新警报', allAlerts: '全部警报', openIncidents: '进行中的事件：{{count}}', noIncidents: '没有进行中的事件。', incidentSignals: '相关信号', overdue: '逾期的转介：{{count}}', noOverdue: '没有超过期限的转介。', overdueTable: '超过期限的转介和删除令', referral: '转介', kind: '类别', parties: '发送方 → 接收方', dueAt: '截止时间', overTime: '匹配数随时间变化', overTimeByLabel: '各标签的匹配数随时间变化', overTimeByType: '各信号类型的匹配数随时间变化', groupBy: '每条线代表', by: { label: '标签', type: '信号类型' }, span: '时间段', spans: { day: '最近 24 小时，按小时', week: '最近 7 天，按小时', month: '最近 30 天，按天' }, noMatches: '此时间段内没有匹配。', total: '时间段内的匹配数' },
  hash: {
    title: '哈希与提交', source: '内容', file: '文件', text: '文本', url: '网址', drop: '将文件拖放到此处或选择文件', chooseFile: '要哈希的文件', textInput: '要哈希的文本', urlInput: '要哈希的网址', hash: '在本节点计算哈希', hashing: '正在计算哈希…',
    note: '内容只发送到本节点，节点计算哈希后不保留内容。', signals: '信号', quality: '质量', matchable: '可匹配', tooWeak: '太弱，无法匹配', skipped: '已跳过：{{type}}：{{reason}}',
    matches: '已知内容：{{count}} 个匹配', noMatches: '已知信号中没有匹配。', submit: '添加到库', submitButton: '提交信号', submitted: '已添加 {{count}} 个信号，等待另一位审核员确认。', nothingToSubmit: '没有可提交的可匹配信号。',
  },
  review: { title: '审核队列', empty: '没有待确认的信号。', approve: '批准', reject: '拒绝', reason: '信号 {{id}} 的理由', ownSignal: '此信号由您的密钥添加，须由另一位审核员确认。', approved: '信号 {{id}} 已批准。', rejected: '信号 {{id}} 已拒绝。', confirmations: '已确认 {{have}} / {{need}}', awaiting: '等待确认的信号：{{count}}', candidates: '新变体候选：{{count}}', noCandidates: '没有新变体候选。', candidate: '候选 {{id}}：{{type}}', variantOf: '变体来源', distance: '距离 {{distance}}', candidateBank: '候选 {{id}} 的库', candidateLabel: '候选 {{id}} 的标签', candidateDistribution: '候选 {{id}} 的分发范围', candidateReason: '候选 {{id}} 的理由', accept: '添加到库', candidateAccepted: '候选 {{id}} 已添加为信号 {{signal}}，等待确认。', candidateRejected: '候选 {{id}} 已拒绝。' },
  banks: { title: '库', name: '名称', description: '说明', owner: '所有者', create: '创建库', createButton: '创建', created: '库已创建。', empty: '没有库。', browse: '浏览信号' },
  signals: { title: '信号', filters: '筛选', bank: '库', type: '类型', label: '标签', status: '状态', contributor: '贡献方', value: '精确值', any: '全部', apply: '应用', next: '下一页', first: '第一页', empty: '没有符合筛选条件的信号。', id: '编号', reason: '理由', matches: '匹配数', page: '第 {{n}} 页', incident: '事件', uid: '网络编号' },
  signal: {
    title: '信号 {{id}}', provenance: '来源', uid: '网络编号', origin: '来源节点', receivedFrom: '接收自', thisNode: '本节点', distribution: '分发范围', confirmed: '已确认', notConfirmed: '尚未确认（{{have}} / {{need}}）', created: '添加时间', originEvent: '来源节点签名的事件', noOriginEvent: '在本节点贡献。',
    opinions: '意见', noOpinions: '尚无意见。', disputes: '争议', audit: '审计记录', actions: '操作', dispute: '提出争议', retract: '撤回', relabel: '更正标签', newLabel: '新标签', actionReason: '理由', done: '完成。', statusReason: '状态理由',
  },
  partners: { title: '合作方与同步', id: '编号', name: '名称', kind: '类别', url: '网址', lag: '落后事件数', lastSuccess: '最近一次成功同步', lastError: '最近一次错误', never: '从未', none: '—' },
  keys: { title: '密钥与角色', id: '密钥编号', partner: '合作方', roles: '角色', purpose: '用途', created: '创建时间', state: '状态', active: '有效', revoked: '已于 {{at}} 吊销', revoke: '吊销 {{id}}', create: '创建密钥', createButton: '创建密钥', secret: '新密钥（只显示一次，请立即复制）：', rolesLegend: '新密钥的角色' },
  audit: { title: '审计日志', seq: '序号', at: '时间', actor: '操作方', action: '操作', subject: '对象', verify: '验证哈希链', verifying: '正在验证…', ok: '哈希链验证通过：已检查 {{checked}} 条记录。', broken: '哈希链在第 {{seq}} 条记录处断开：{{problem}}', more: '更早的记录', newer: '从头开始' },
  label: {
    perpetrator_content: '袭击者内容', perpetrator_manifesto: '袭击者宣言', graphic_violence_defenceless: '针对无自卫能力者的血腥暴力', imminent_credible_threat: '迫在眉睫的可信威胁',
    glorification_of_attack: '美化袭击', instruction_for_violence: '暴力指导', recruitment_designated_entity: '招募（被列名实体）', branded_propaganda_designated_entity: '品牌化宣传（被列名实体）',
  },
  status: { active: '有效', disputed: '有争议', retracted: '已撤回', expired: '已过期' },
  distribution: { local: '仅本节点', partners: '直接合作方', network: '整个网络' },
  role: { admin: '管理员', curator: '策展人', reviewer: '审核员', matcher: '匹配者', auditor: '审计员' },
  opinion: { confirmed: '已确认', disputed: '有争议', seen: '已见过' },
  alerts: { title: '警报', empty: '没有警报。', kind: '类别', severity: '严重程度', severities: { critical: '严重', warning: '警告', info: '信息' }, kinds: { surge: '匹配激增', referral_overdue: '转介逾期', incident_conclusion_proposed: '事件可以结束', monitor_find: '在公开来源中发现', monitor_find_removed: '已从公开来源删除', manual: '分析员发出' }, table: '警报，最新在前（{{count}}）', alert: '警报', about: '涉及', origin: '发出方', last: '最近一次', repeats: '自 {{first}} 起出现 {{count}} 次', incidentSignals: '该事件的信号', subjects: { cluster: '聚类', referral: '转介', source_find: '发现' } },
  report: { title: '透明度报告', period: '时间段', from: '开始（UTC 日期）', to: '结束（UTC 日期，不含）', toExclusive: '时间段从第一天开始到最后一天开始：最后一天不计入。', show: '显示报告', about: '关于本报告', node: '节点', countedFor: '统计范围', everything: '本节点持有的全部内容', generatedAt: '生成时间', printable: '准备可打印的报告（HTML）', download: '下载可打印的报告（HTML）', notes: '阅读说明', sections: { signals: '信号', matches: '匹配', disputes: '争议与恢复', errorRate: '错误率' }, tables: { signals: '按标签、类型和贡献方统计的信号', matches: '按标签和信号类型统计的匹配', disputes: '按标签统计的争议', errorRate: '按标签统计的错误率' }, dimensions: { label: '标签', type: '类型', contributor: '贡献方' }, measures: { added: '新增', retracted: '撤回', disputes: '争议', matches: '匹配', raised: '提出', upheld: '成立', overturned: '推翻', signals: '信号', errors: '错误' }, errorRate: '错误率（95% 区间）', empty: '此时间段内没有数据。', total: '合计' },
};
