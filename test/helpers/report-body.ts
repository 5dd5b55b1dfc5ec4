// A complete, valid public report (real name, every optional field): the body the public report tests, the
// OpenAPI check and the crash harness submit. Plain data, no test framework, so any of them can import it.
export const REPORT = {
  type: 'complaint',
  reportedPoliceBranch: 'household',
  content: '我在派出所户籍窗口办理身份证，等了三个小时无人受理，工作人员态度粗暴。',
  occurredAt: '2026-02-20',
  location: '示例市某区',
  anonymity: 'real_name',
  reporter: { name: '张三', phone: '13800138000' },
  subjects: [],
} as const;
