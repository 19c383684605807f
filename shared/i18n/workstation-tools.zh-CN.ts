import type { workstationToolsEnErrors, workstationToolsEnMessages } from './workstation-tools.en';

export const workstationToolsZhMessages: Record<keyof typeof workstationToolsEnMessages, string> = {};

export const workstationToolsZhErrors: Record<keyof typeof workstationToolsEnErrors, string> = {
  'helper.tokenLogin': '{server} 收到的是短期令牌：Registry Desk 会自行签发令牌。请在 Registry Desk 中用访问密钥或 JSON 密钥添加该注册表。',
  'helper.badServerUrl': '{server} 不是注册表地址：{reason}',
  'helper.pathInServerUrl': '{server} 含有路径：凭据助手只按注册表主机查询。',
  'helper.notAddedByLogin': '{name}（{server}）是在 Registry Desk 中添加的，不是由 docker login 添加：docker logout 不会删除它。请在 Registry Desk 中删除。',
  'helper.hasAccessSettings': '{name}（{server}）在集群中有访问设置：请先在 Registry Desk 中移除这些设置再删除它。',
  'helper.expiredToken': '为 {server} 签发的令牌已过期（{expiresAt}）：请检查本机时钟。',
  'helper.inputTooLarge': '标准输入中的请求超过 {limit} 字节。',
  'tools.configNotJson': '{path} 不是有效的 JSON：Registry Desk 不会改动它。',
  'tools.configShape': '{path} 不是 docker 格式的配置（credHelpers 和 auths 必须是对象）：Registry Desk 不会改动它。',
  'tools.configUnreadable': '无法读取 {path}（{detail}）。',
  'tools.configChanged': '{path} 在读取后已被修改：请重新查看预览。',
  'tools.configReadOnly': '{path} 是只读的：Registry Desk 不会改动它。',
  'helper.inputTimedOut': '{seconds} 秒内标准输入中没有收到请求。',
  'helper.inputNotJson': '标准输入中的登录信息不是包含 ServerURL、Username 和 Secret 的 JSON。',
};
