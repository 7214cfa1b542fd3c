//! Health in a register's or a caller's short words, each a datum about one body: an
//! allergy by what sets it off, with its degree (皮肤过敏, 严重花粉过敏, 对花粉严重过敏,
//! 过敏性鼻炎), a disability by the limb (下肢残疾, 左腿残疾), a sense that fails in part
//! (色弱), lying paralysed (瘫在床上), a symptom named alone (头晕, 头昏) and a blood
//! pressure read off (血压160/100).

use crate::{Finder, Kind};

fn bodily_re() -> &'static regex::Regex {
    static R: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    crate::patterns::re(
        &R,
        r"(?:严重|重度|轻度)?(?:皮肤|花粉|药物|青霉素|头孢|磺胺|海鲜|鱼虾|杨絮|柳絮|粉尘|尘螨|花生|牛奶|鸡蛋|芒果|酒精|紫外线|冷空气)(?:严重|重度|轻度)?过敏|对(?:皮肤|花粉|药物|青霉素|头孢|磺胺|海鲜|鱼虾|杨絮|柳絮|粉尘|尘螨|花生|牛奶|鸡蛋|芒果|酒精|紫外线|冷空气)(?:严重|重度|轻度|有点|有些)?过敏|过敏性(?:鼻炎|皮炎|哮喘|紫癜|休克|结膜炎|体质)|过敏体质|(?:双下肢|双上肢|[左右]?下肢|[左右]?上肢|双腿|[左右]腿|[左右]手|[左右]臂|[左右]脚|腿部|腿脚)残疾|(?:轻度|中度|重度)?(?:红绿)?色弱|瘫(?:倒)?在床上?|头晕(?:目眩|眼花|乏力)?|头昏(?:脑涨|眼花)?|(?:测|量)?血压(?:为|是|达|高达|约)?[：:]?\s*[0-9]{2,3}\s*/\s*[0-9]{2,3}(?:\s*mmHg)?",
    )
}

impl Finder<'_> {
    /// 皮肤过敏, 下肢残疾, 色弱, 瘫在床上, 头晕, 血压160/100 …
    pub(super) fn bodily(&mut self) {
        self.sensitive_words(
            bodily_re(),
            Kind::Health,
            "健康信息（过敏、残疾、症状、体征）属敏感个人信息（个人信息保护法第二十八条），隐去",
            |_| false,
        );
    }
}
