// 抗原自测: Simplified Chinese. Spread into messages-zh.ts.
export const zhAntigen = {
  'nav.antigen': '抗原自测',
  'antigen.title': '抗原自测上报',
  'antigen.hint': '选择家庭成员，上报今天的抗原自测结果。结果为阳性时，社区将安排核酸复核。',
  'antigen.search': '按姓名查找',
  'antigen.last': '上次上报',
  'antigen.never': '尚未上报',
  'antigen.nobody': '没有可上报的人员',
  'antigen.sent': '已上报{name}的自测结果',
  'antigen.positiveSent': '已上报{name}的阳性结果，已生成核酸复核任务，请居家等待上门采样',
} as const;
