import type { ClusterMessages } from './en';

/** 简体中文：预警聚类页面。 */
export const clustersZh: ClusterMessages = {
  nav: { clusters: '聚类' },
  clusters: {
    title: '聚类', intro: '通过近似匹配或共同事件联系在一起的信号，按规模从大到小排列。', filters: '筛选', minSize: '最小规模（信号数）', surge: '激增状态', any: '全部', apply: '应用',
    period: '统计时段', periods: { '24': '最近 24 小时', '168': '最近 7 天', '720': '最近 30 天' },
    caption: '聚类（{{count}}）', empty: '没有符合筛选条件的聚类。', cluster: '聚类', size: '信号数', example: '示例信号', incidents: '事件', matchesHere: '本节点匹配数（全部时间）', sightings: '时段内各节点的匹配数',
    states: { surging: '正在激增', quiet: '平稳', unknown: '尚未统计' },
    withSize_one: '{{count}} 个信号', withSize: '{{count}} 个信号', one: '聚类 {{id}}', all: '全部聚类', summary: '概要', id: '聚类编号', episodes: '激增次数', baseline: '每 {{minutes}} 分钟的通常匹配数', seenBy: '匹配到它的节点', thisNode: '本节点', none: '—',
    members: '成员信号', membersCaption: '成员信号（{{count}}）', noIncidents: '这些信号不属于任何事件。',
    hourly: '每小时匹配数', hourlyChart: '每小时匹配数，每个节点一条线', hourlyTable: '每小时匹配数（按节点）', hour: '小时（UTC 起点）', noHourly: '此时段内没有统计到匹配。', total: '合计',
  },
};
