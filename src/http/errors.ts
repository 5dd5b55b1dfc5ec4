// Every error a client can get, defined once: code, status and a message in both languages.
// Clients switch on `code`, never on message text (DESIGN §10).
import type { Bilingual, Lang } from '../domain/i18n-text.js';

export const ERRORS = {
  malformed_json: { status: 400, title: { zh: '请求格式错误', en: 'Malformed request' }, detail: { zh: '请求内容不是有效的 JSON。', en: 'The request body is not valid JSON.' } },
  bad_request: { status: 400, title: { zh: '请求无效', en: 'Bad request' }, detail: { zh: '请求无法处理，请检查后重试。', en: 'The request could not be processed; check it and try again.' } },
  unauthenticated: { status: 401, title: { zh: '请先登录', en: 'Sign-in required' }, detail: { zh: '登录已失效或尚未登录，请重新登录。', en: 'Your session has ended or you are not signed in; please sign in.' } },
  login_failed: { status: 401, title: { zh: '登录失败', en: 'Sign-in failed' }, detail: { zh: '用户名或密码错误。', en: 'Wrong username or password.' } },
  totp_failed: { status: 401, title: { zh: '验证码错误', en: 'Wrong code' }, detail: { zh: '动态验证码错误或已使用，请输入新的验证码。', en: 'The one-time code is wrong or already used; enter a new one.' } },
  enrolment_failed: { status: 401, title: { zh: '绑定码无效', en: 'Enrolment code not accepted' }, detail: { zh: '绑定码错误或已过期，请核对或联系安全管理员重新获取。', en: 'The enrolment code is wrong or has expired; check it or ask the security administrator for a new one.' } },
  csrf_failed: { status: 403, title: { zh: '请求被拒绝', en: 'Request refused' }, detail: { zh: '安全校验失败，请刷新页面后重试。', en: 'The security check failed; reload the page and try again.' } },
  origin_refused: { status: 403, title: { zh: '请求被拒绝', en: 'Request refused' }, detail: { zh: '请求来源不被允许。', en: 'The request origin is not allowed.' } },
  forbidden: { status: 403, title: { zh: '无权操作', en: 'Not allowed' }, detail: { zh: '您没有执行此操作的权限。', en: 'You are not allowed to do this.' } },
  step_required: { status: 403, title: { zh: '请完成登录步骤', en: 'Finish signing in' }, detail: { zh: '请先完成登录的下一步。', en: 'Complete the next sign-in step first.' } },
  pow_required: { status: 403, title: { zh: '安全验证未通过', en: 'Security check failed' }, detail: { zh: '安全验证缺失、错误或已使用，请刷新页面后重试。', en: 'The security check is missing, wrong or already used; reload and try again.' } },
  not_found: { status: 404, title: { zh: '未找到', en: 'Not found' }, detail: { zh: '未找到相关内容。', en: 'Nothing was found.' } },
  case_not_found: { status: 404, title: { zh: '未查询到相关信息', en: 'No matching case' }, detail: { zh: '受理编号或查询码不正确，请核对后重试。', en: 'The case number or query code is not correct; check them and try again.' } },
  conflict: { status: 409, title: { zh: '当前状态不允许此操作', en: 'Not possible in this state' }, detail: { zh: '当前状态不允许此操作。', en: 'This action is not possible in the current state.' } },
  no_seat: { status: 409, title: { zh: '未配置座席分机', en: 'No seat extension' }, detail: { zh: '您的账号未配置座席分机号，请联系系统管理员。', en: 'Your account has no seat extension; ask the system administrator.' } },
  precondition_failed: { status: 412, title: { zh: '案件已被更新', en: 'The case has changed' }, detail: { zh: '案件已被其他人更新，请刷新后重试；您填写的内容会保留。', en: 'Someone else updated the case; reload and try again. What you typed is kept.' } },
  payload_too_large: { status: 413, title: { zh: '提交内容过大', en: 'Too large' }, detail: { zh: '提交的内容或文件超过大小限制。', en: 'The submission or a file exceeds the size limit.' } },
  unsupported_media_type: { status: 415, title: { zh: '文件类型不支持', en: 'Unsupported file type' }, detail: { zh: '仅支持 JPG、PNG、HEIC、WebP、PDF、DOCX、XLSX、TXT、MP3、M4A、AMR、WAV、MP4、MOV 格式的文件。', en: 'Only JPG, PNG, HEIC, WebP, PDF, DOCX, XLSX, TXT, MP3, M4A, AMR, WAV, MP4 and MOV files are accepted.' } },
  validation_failed: { status: 422, title: { zh: '填写内容有误', en: 'Please check your input' }, detail: { zh: '部分内容填写有误，请按提示修改。', en: 'Some fields need correcting.' } },
  idempotency_mismatch: { status: 422, title: { zh: '重复提交的内容不一致', en: 'Idempotency key reused' }, detail: { zh: '同一提交标识已用于不同的内容，请重新提交。', en: 'This Idempotency-Key was already used for a different request.' } },
  recording_host: { status: 422, title: { zh: '录音地址不被接受', en: 'Recording host refused' }, detail: { zh: '录音只能从配置的交换机地址获取。', en: 'Recordings are fetched only from the configured PBX origin.' } },
  weak_password: { status: 422, title: { zh: '密码不符合要求', en: 'Password too weak' }, detail: { zh: '新密码不符合安全要求。', en: 'The new password does not meet the rules.' } },
  precondition_required: { status: 428, title: { zh: '缺少版本信息', en: 'Version required' }, detail: { zh: '请求缺少 If-Match 版本信息，请刷新后重试。', en: 'The request lacks the If-Match version; reload and try again.' } },
  too_many_requests: { status: 429, title: { zh: '操作过于频繁', en: 'Too many requests' }, detail: { zh: '操作过于频繁，请稍后再试。', en: 'Too many requests; please try again later.' } },
  account_locked: { status: 429, title: { zh: '暂时无法登录', en: 'Sign-in paused' }, detail: { zh: '登录失败次数过多，请稍后再试或联系安全管理员解锁。', en: 'Too many failed sign-ins; try again later or ask the security administrator to unlock.' } },
  internal: { status: 500, title: { zh: '系统繁忙', en: 'Server error' }, detail: { zh: '系统繁忙，请稍后再试。您提交的内容未被保存。', en: 'Something went wrong; please try again later. Nothing was saved.' } },
  recording_unavailable: { status: 502, title: { zh: '录音获取失败', en: 'Recording not fetched' }, detail: { zh: '未能从交换机获取与通知一致的录音，请稍后重试。', en: 'The recording could not be fetched from the PBX as announced; retry later.' } },
  pbx_unavailable: { status: 502, title: { zh: '交换机无响应', en: 'PBX unavailable' }, detail: { zh: '交换机未接受呼叫请求，请稍后再试。', en: 'The PBX did not accept the call request; try again later.' } },
  database_unavailable: { status: 503, title: { zh: '服务暂时不可用', en: 'Service temporarily unavailable' }, detail: { zh: '系统暂时无法连接数据库，请稍后再试。本次提交的内容未被保存。', en: 'The system cannot reach its database at the moment; please try again later. Nothing was saved.' } },
  unavailable: { status: 503, title: { zh: '服务暂不可用', en: 'Service unavailable' }, detail: { zh: '服务正在维护，请稍后再试。', en: 'The service is being maintained; please try again later.' } },
} as const satisfies Record<string, { status: number; title: Bilingual; detail: Bilingual }>;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/** A failure that reaches the client as problem+json; nothing it carries is secret. */
export class HttpError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors: readonly FieldError[] = [],
    readonly headers: Readonly<Record<string, string>> = {},
    readonly detailOverride?: Bilingual,
  ) {
    super(code);
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors: { path: string; code: string; message: string }[];
}

export function problemOf(err: HttpError, lang: Lang): Problem {
  const def = ERRORS[err.code];
  const detail = err.detailOverride ?? def.detail;
  return {
    type: `https://zhitong.invalid/problems/${err.code}`,
    title: def.title[lang],
    status: def.status,
    detail: detail[lang],
    code: err.code,
    errors: err.fieldErrors.map((f) => ({ path: f.path, code: f.code, message: f.message[lang] })),
  };
}

export function langOf(acceptLanguage: string | undefined): Lang {
  return acceptLanguage && /^\s*en\b/iu.test(acceptLanguage) ? 'en' : 'zh';
}
