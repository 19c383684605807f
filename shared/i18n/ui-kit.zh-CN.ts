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
  'kit.saveNeedsKeychain': '无法保存：操作系统钥匙串不可用（见顶部横幅）。',
  'keychain.checkAgain': '重新检查',
  'keychain.checking': '正在检查…',
  'changes.caption': '按集群和命名空间分组的变更',
  'changes.kind': '类型',
  'changes.name': '名称',
  'changes.change': '变更',
  'changes.cluster': '集群',
  'changes.count.one': '{count} 项变更',
  'changes.count': '{count} 项变更',
  'changes.delete': '删除',
  'changes.clusterWide': '集群级（无命名空间）',
  'changes.dropReference': '从其 imagePullSecrets 中移除 {secret}',
  'kit.close': '关闭',
};
