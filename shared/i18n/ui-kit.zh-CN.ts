import type { uiKitEnMessages } from './ui-kit.en';

/** 共享组件自身的文字：简体中文。 */
export const uiKitZhMessages: Record<keyof typeof uiKitEnMessages, string> = {
  'kit.copy': '复制',
  'kit.copyLabel': '复制{what}',
  'kit.copied': '已复制',
  'kit.copyFailed': '复制失败：请选中文字后自行复制',
  'kit.chooseFile': '选择文件…',
  'kit.chosenFile': '已选择：{name}',
  'kit.fullValue': '完整内容：{value}',
  'kit.command': '命令',
  'nav.back': '返回{screen}',
  'nav.cameFrom': '你从这里来',
  'kit.close': '关闭',
};
