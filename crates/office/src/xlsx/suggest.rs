//! "Did you mean …?" (có phải ý bạn là …?): the candidates nearest to what a user typed, compared
//! without case, diacritics or extra spaces.

use thidua_domain::text::fold;

/// Up to `n` candidates close to `query`, nearest first (ties in the candidates' order).
///
/// Texts are compared [folded](fold) ("Hoàn thành xuất xắc" is near "hoan thanh xuat sac"). A
/// candidate is close when its edit distance (Levenshtein, over characters) to the query is at most
/// a third of the longer text (and at least 1 is allowed), or when one of the two contains the
/// other as a word boundary ("xuất sắc" for "Hoàn thành xuất sắc nhiệm vụ"), or when the query
/// is close to the candidate's beginning ("Hoàn thành xuất xắc"). An exact match
/// (folded) is returned alone, and candidates more than 2 edits farther than the nearest are left out.
pub fn closest<'a>(query: &str, candidates: &[&'a str], n: usize) -> Vec<&'a str> {
    let q = fold(query);
    if q.is_empty() || n == 0 {
        return Vec::new();
    }
    let mut scored: Vec<(usize, usize, &'a str)> = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        let c = fold(candidate);
        if c == q {
            return vec![candidate];
        }
        let distance = levenshtein(&q, &c);
        let longer = q.chars().count().max(c.chars().count());
        let contained =
            (c.len() >= 3 && contains_words(&q, &c)) || (q.len() >= 3 && contains_words(&c, &q));
        // The query may be the beginning of the candidate, misspelt ("xuất xắc" for "xuất sắc
        // nhiệm vụ"): compare it with as much of the candidate.
        let q_len = q.chars().count();
        let prefix: String = c.chars().take(q_len).collect();
        let prefix_distance = levenshtein(&q, &prefix);
        if distance <= (longer / 3).max(1) {
            scored.push((distance, i, candidate));
        } else if q_len >= 4 && prefix_distance <= (q_len / 4).max(1) {
            scored.push((longer + prefix_distance, i, candidate));
        } else if contained {
            // Behind every near spelling.
            scored.push((longer + distance, i, candidate));
        }
    }
    scored.sort();
    // Only the nearest few: a candidate much farther than the best one is no suggestion.
    let best = scored.first().map_or(0, |(score, _, _)| *score);
    scored
        .into_iter()
        .take_while(|(score, _, _)| *score <= best + 2)
        .take(n)
        .map(|(_, _, c)| c)
        .collect()
}

/// Whether `needle`'s words appear in a row in `haystack`'s.
fn contains_words(haystack: &str, needle: &str) -> bool {
    format!(" {haystack} ").contains(&format!(" {needle} "))
}

/// Edit distance over characters: insertions, deletions and substitutions cost 1.
fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATINGS: [&str; 4] = [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ",
        "Không hoàn thành nhiệm vụ",
    ];

    #[test]
    fn near_spellings_are_found_first() {
        assert_eq!(
            closest("hoan thanh xuat xac nhiem vu", &RATINGS, 2),
            vec!["Hoàn thành xuất sắc nhiệm vụ"]
        );
        assert_eq!(
            closest("HOÀN THÀNH TỐT NHIỆM VỤ", &RATINGS, 3),
            vec!["Hoàn thành tốt nhiệm vụ"]
        );
        assert_eq!(
            closest("xuất sắc", &RATINGS, 3),
            vec!["Hoàn thành xuất sắc nhiệm vụ"]
        );
        assert_eq!(closest("Nữ", &["Nam", "Nữ"], 1), vec!["Nữ"]);
        assert_eq!(closest("Nuw", &["Nam", "Nữ"], 2), vec!["Nữ"]);
    }

    #[test]
    fn far_texts_are_not_suggested() {
        assert!(closest("Chiến sĩ thi đua", &RATINGS, 3).is_empty());
        assert!(closest("", &RATINGS, 3).is_empty());
        assert!(closest("x", &RATINGS, 0).is_empty());
    }

    #[test]
    fn distance_is_levenshtein() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("đức", "đức"), 0);
    }
}
