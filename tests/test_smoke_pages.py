def test_home_page_in_both_locales(gql, site_tree):
    query = """query($locale: String) { page(path: "/", locale: $locale) {
        __typename title url locale path ... on HomePage { heroTitle } translations { locale url } } }"""
    ar = gql(query, {"locale": "ar"})["page"]
    en = gql(query, {"locale": "en"})["page"]
    assert ar["__typename"] == "HomePage" and ar["heroTitle"] == "وزارة المالية"
    assert ar["url"] == "/ar/" and en["url"] == "/en/"
    assert en["heroTitle"] == "Ministry of Finance"
    assert [t["locale"] for t in ar["translations"]] == ["en"]
