import type { TitleMessages } from './en';

/** 简体中文：从其他页面进入的页面的标题。 */
export const titlesZh: TitleMessages = {
  titles: { incident: '事件 {{id}}', referral: '转介 {{id}}', signal: '信号 {{id}}', cluster: '聚类 {{id}}', signalUnknown: '没有您的密钥可查看的、具有此网络编号的信号。', notFound: '找不到页面', notFoundHelp: '此地址没有页面，或者您的密钥无权打开它。' },
};
