// Offline blocklist (DESIGN §7.3): common passwords plus words a bureau's staff reach for first.
// Lowercase; words shorter than 6 characters only count when little else is in the password (see password.ts).
export const PASSWORD_BLOCKLIST: readonly string[] = [
  // Common passwords and keyboard walks.
  'password', 'passw0rd', 'password1', 'p@ssw0rd', 'pass123', 'letmein', 'welcome', 'welcome1', 'changeme',
  'default', 'secret', 'master', 'shadow', 'monkey', 'dragon', 'sunshine', 'princess', 'football', 'baseball',
  'superman', 'batman', 'trustno1', 'iloveyou', 'whatever', 'starwars', 'computer', 'internet', 'freedom',
  'qwerty', 'qwertyuiop', 'qwerty123', 'asdfgh', 'asdfghjkl', 'zxcvbn', 'zxcvbnm', 'qazwsx', '1qaz2wsx',
  '1q2w3e4r', 'qwe123', 'asd123', 'abc123', 'abcdef', 'abcd1234', 'aa123456', 'a123456', '123abc',
  '123456', '1234567', '12345678', '123456789', '1234567890', '123456789012', '123123', '111111', '000000',
  '888888', '666666', '654321', '987654321', '147258369', '123321', '112233', '520520', '5201314', '1314520',
  'woaini', 'woaini1314', 'iloveyou1314', 'admin', 'administrator', 'root', 'login', 'guest', 'test', 'system',
  // Places and country.
  'zhongguo', 'china', 'beijing', 'shanghai', 'renmin', 'zhonghua',
  // Bureau words: pinyin and initials of police units, ranks and this platform.
  'zhitong', 'police', 'gongan', 'gonganju', 'gongan110', 'gaj', 'gab', 'gat', 'jingcha', 'renminjingcha',
  'jingguan', 'jingjian', 'jingdu', 'jingsi', 'jingyuan', 'minjing', 'fujing', 'xingjing', 'jiaojing', 'tejing',
  'wujing', 'xunjing', 'jingwu', 'paichusuo', 'pcs', 'fenju', 'zhidui', 'dadui', 'zhongdui', 'dcd', 'ducha',
  'duchadui', 'jiandu', 'jubao', 'tousu', 'xinfang', 'zhifa', 'zhiban', 'zhihuizhongxin', 'jingwuducha',
  '12389', '110', '122', '119', '120', '12345', '96110',
];
