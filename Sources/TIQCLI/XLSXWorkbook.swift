/// An Office Open XML workbook (.xlsx): named worksheets packed with the parts a spreadsheet
/// needs to open them (content types, relationships, the workbook, a style sheet whose style 1
/// is the bold header) in a ZIP of stored entries.
struct XLSXWorkbook {
    /// The sheets, in tab order: a name (at most 31 characters, no `[]:*?/\`) and its rows.
    var sheets: [(name: String, sheet: SheetXML)]

    /// The .xlsx file.
    func bytes() throws(ZipWriter.TooLarge) -> [UInt8] {
        var zip = ZipWriter()
        try zip.add("[Content_Types].xml", Array(contentTypes().utf8))
        try zip.add("_rels/.rels", Array(Self.packageRelationships.utf8))
        try zip.add("xl/workbook.xml", Array(workbook().utf8))
        try zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships().utf8))
        try zip.add("xl/styles.xml", Array(Self.styles.utf8))
        for (i, sheet) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(i + 1).xml", Array(sheet.sheet.document().utf8))
        }
        return zip.bytes()
    }

    private static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let relationshipType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    private func contentTypes() -> String {
        var s = Self.header + """
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="\(Self.contentType).sheet.main+xml"/>
            <Override PartName="/xl/styles.xml" ContentType="\(Self.contentType).styles+xml"/>

            """
        for i in sheets.indices {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"\(Self.contentType).worksheet+xml\"/>\n"
        }
        return s + "</Types>\n"
    }

    private static let packageRelationships = header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId1" Type="\(relationshipType)/officeDocument" Target="xl/workbook.xml"/>
        </Relationships>

        """

    private func workbook() -> String {
        var s = Self.header + """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="\(Self.relationshipType)">
            <sheets>

            """
        for (i, sheet) in sheets.enumerated() {
            s += "<sheet name=\"\(SheetXML.escape(sheet.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>\n"
        }
        return s + "</sheets>\n</workbook>\n"
    }

    private func workbookRelationships() -> String {
        var s = Self.header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\n"
        for i in sheets.indices {
            s += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(Self.relationshipType)/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>\n"
        }
        s += "<Relationship Id=\"rId\(sheets.count + 1)\" Type=\"\(Self.relationshipType)/styles\" Target=\"styles.xml\"/>\n"
        return s + "</Relationships>\n"
    }

    /// Style 0: plain; style 1: bold (the header row).
    private static let styles = header + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
        </styleSheet>

        """
}
