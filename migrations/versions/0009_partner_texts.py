"""partner texts per reporter language, and plainer seeded texts

Reporters choose partners in their own language. The Dutch name and description stay in
``partners`` (staff read them, and they are the last fallback); every other language gets a row in
``partner_texts``. The seeded partners get texts in all eleven reporter languages, and their Dutch
texts are rewritten so that the police entries say what the police does with a signal and what it
never gets, and the municipal supervision entry says plainly that it is not help
(docs/partners.md explains the choices).

Admins' edits are kept: a Dutch text is only rewritten while it still equals the 0002 seed, and
translations are only added for a partner whose Dutch text is the seed (old or new), since they
translate that text and nothing else.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# The Dutch texts as 0002 seeded them: a row that still holds them was never edited.
SEED_0002 = {
    "politie-avim": (
        "Politie – AVIM",
        "De afdeling van de politie die mensenhandel en uitbuiting onderzoekt.",
    ),
    "politie-wijkagent": (
        "Politie – wijkagent",
        "De agent van de politie voor de buurt waar het gebeurde.",
    ),
    "ggd-soa-poli": (
        "GGD Gooi en Vechtstreek (soa-poli)",
        "Gratis en anoniem testen op soa, PEP, PrEP en vragen over gezondheid.",
    ),
    "belle": (
        "Belle Hulpverlening",
        "Hulp en advies voor sekswerkers, ook bij geld, wonen en stoppen.",
    ),
    "zorgcoordinator-mensenhandel": (
        "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek",
        "Helpt mensen die gedwongen worden of worden uitgebuit, met opvang en hulp.",
    ),
    "sociaal-plein": (
        "Sociaal Plein Hilversum",
        "Hulp van de gemeente bij wonen, geld, uitkering en zorg.",
    ),
    "scharlaken-koord": (
        "Scharlaken Koord",
        "Hulp voor sekswerkers die willen stoppen of ander werk zoeken.",
    ),
    "gemeente-toezicht": (
        "Gemeente Hilversum – toezicht sekswerk",
        "De gemeente controleert of werkplekken veilig zijn en zich aan de regels houden.",
    ),
}

# Per partner, per language: (name, description). Organisation names stay Dutch where they are
# names (Belle, GGD, Sociaal Plein); a Dutch word people meet in NL stays in brackets
# (wijkagent, handhaving), as in the catalogues (docs/i18n.md). Written by a language model;
# docs/partners.md lists what a native speaker should check.
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "politie-avim": {
        "nl": (
            "Politie – team mensenhandel (AVIM)",
            "Onderzoekt mensenhandel en uitbuiting. De politie krijgt alleen een korte tekst van "
            "de vertrouwenspersoon: niet je naam, niet je code en niet je melding zelf. Ze "
            "gebruikt die om daders te zoeken. De politie neemt geen contact met je op; vragen "
            "gaan via de vertrouwenspersoon.",
        ),
        "en": (
            "Police – human trafficking team (AVIM)",
            "Investigates human trafficking and exploitation. The police get only a short text "
            "from the confidential adviser: not your name, not your code and not your report "
            "itself. They use it to look for offenders. The police do not contact you; questions "
            "go through the confidential adviser.",
        ),
        "es": (
            "Policía – equipo contra la trata de personas (AVIM)",
            "Investiga la trata de personas y la explotación. La policía solo recibe un texto "
            "corto de la persona de confianza: no tu nombre, no tu código y no tu reporte. Lo usa "
            "para buscar a los culpables. La policía no se pone en contacto contigo; las "
            "preguntas pasan por la persona de confianza.",
        ),
        "ro": (
            "Poliția – echipa pentru trafic de persoane (AVIM)",
            "Cercetează traficul de persoane și exploatarea. Poliția primește doar un text scurt "
            "de la consilierul de încredere: nu numele tău, nu codul tău și nu sesizarea ta. Îl "
            "folosește ca să caute făptașii. Poliția nu te contactează; întrebările trec prin "
            "consilierul de încredere.",
        ),
        "hu": (
            "Rendőrség – emberkereskedelmi csoport (AVIM)",
            "Emberkereskedelmet és kizsákmányolást vizsgál. A rendőrség csak egy rövid szöveget "
            "kap a bizalmi tanácsadótól: nem a nevedet, nem a kódodat és nem a bejelentésedet. "
            "Ezt a tettesek keresésére használja. A rendőrség nem keres meg téged; a kérdések a "
            "bizalmi tanácsadón keresztül mennek.",
        ),
        "bg": (
            "Полиция – екип за трафик на хора (AVIM)",
            "Разследва трафик на хора и експлоатация. Полицията получава само кратък текст от "
            "доверения съветник: не твоето име, не твоя код и не самия ти сигнал. Използва го, "
            "за да търси извършителите. Полицията не се свързва с теб; въпросите минават през "
            "доверения съветник.",
        ),
        "pl": (
            "Policja – zespół ds. handlu ludźmi (AVIM)",
            "Bada handel ludźmi i wyzysk. Policja dostaje tylko krótki tekst od osoby zaufania: "
            "nie twoje imię, nie twój kod i nie samo twoje zgłoszenie. Używa go, żeby szukać "
            "sprawców. Policja nie kontaktuje się z tobą; pytania idą przez osobę zaufania.",
        ),
        "pt-BR": (
            "Polícia – equipe contra o tráfico de pessoas (AVIM)",
            "Investiga o tráfico de pessoas e a exploração. A polícia recebe só um texto curto da "
            "pessoa de confiança: não o seu nome, não o seu código e não o seu relato. Ela usa "
            "isso para procurar os culpados. A polícia não entra em contato com você; as "
            "perguntas passam pela pessoa de confiança.",
        ),
        "th": (
            "ตำรวจ – ทีมสืบสวนการค้ามนุษย์ (AVIM)",
            "สืบสวนเรื่องการค้ามนุษย์และการแสวงประโยชน์ ตำรวจได้รับเพียงข้อความสั้น ๆ "
            "จากผู้ให้คำปรึกษา ไม่มีชื่อของคุณ ไม่มีรหัสของคุณ และไม่ใช่เรื่องที่คุณแจ้งเอง "
            "ตำรวจใช้ข้อความนี้เพื่อตามหาผู้กระทำผิด ตำรวจจะไม่ติดต่อคุณ "
            "คำถามทุกข้อจะผ่านผู้ให้คำปรึกษา",
        ),
        "uk": (
            "Поліція – команда з протидії торгівлі людьми (AVIM)",
            "Розслідує торгівлю людьми та експлуатацію. Поліція отримує лише короткий текст від "
            "консультанта: не твоє ім'я, не твій код і не саме твоє повідомлення. "
            "Поліція використовує його, щоб шукати винних. Поліція не зв'язується з тобою; "
            "питання йдуть через консультанта.",
        ),
        "ru": (
            "Полиция – отдел по торговле людьми (AVIM)",
            "Расследует торговлю людьми и эксплуатацию. Полиция получает только короткий текст "
            "от консультанта: не твоё имя, не твой код и не само твоё сообщение. "
            "Полиция использует его, чтобы искать виновных. Полиция не связывается с тобой; "
            "вопросы идут через консультанта.",
        ),
    },
    "politie-wijkagent": {
        "nl": (
            "Politie – wijkagent",
            "De agent voor de buurt waar het gebeurde. De politie krijgt alleen een korte tekst "
            "van de vertrouwenspersoon: niet je naam, niet je code en niet je melding zelf. De "
            "wijkagent gebruikt die om beter op te letten in de buurt. De politie neemt geen "
            "contact met je op; vragen gaan via de vertrouwenspersoon.",
        ),
        "en": (
            "Police – community officer (wijkagent)",
            "The officer for the area where it happened. The police get only a short text from "
            "the confidential adviser: not your name, not your code and not your report itself. "
            "The community officer uses it to keep a closer eye on the area. The police do not "
            "contact you; questions go through the confidential adviser.",
        ),
        "es": (
            "Policía – agente de barrio (wijkagent)",
            "El agente del barrio donde pasó. La policía solo recibe un texto corto de la persona "
            "de confianza: no tu nombre, no tu código y no tu reporte. El agente lo usa para "
            "vigilar mejor el barrio. La policía no se pone en contacto contigo; las preguntas "
            "pasan por la persona de confianza.",
        ),
        "ro": (
            "Poliția – polițistul de cartier (wijkagent)",
            "Polițistul pentru cartierul unde s-a întâmplat. Poliția primește doar un text scurt "
            "de la consilierul de încredere: nu numele tău, nu codul tău și nu sesizarea ta. "
            "Polițistul îl folosește ca să fie mai atent în cartier. Poliția nu te contactează; "
            "întrebările trec prin consilierul de încredere.",
        ),
        "hu": (
            "Rendőrség – körzeti megbízott (wijkagent)",
            "Annak a környéknek a rendőre, ahol történt. A rendőrség csak egy rövid szöveget kap "
            "a bizalmi tanácsadótól: nem a nevedet, nem a kódodat és nem a bejelentésedet. A "
            "körzeti megbízott arra használja, hogy jobban figyeljen a környékre. A rendőrség nem "
            "keres meg téged; a kérdések a bizalmi tanácsadón keresztül mennek.",
        ),
        "bg": (
            "Полиция – квартален полицай (wijkagent)",
            "Полицаят за квартала, където се е случило. Полицията получава само кратък текст от "
            "доверения съветник: не твоето име, не твоя код и не самия ти сигнал. Кварталният "
            "полицай го използва, за да следи по-внимателно квартала. Полицията не се свързва с "
            "теб; въпросите минават през доверения съветник.",
        ),
        "pl": (
            "Policja – dzielnicowy (wijkagent)",
            "Policjant dla okolicy, w której to się stało. Policja dostaje tylko krótki tekst od "
            "osoby zaufania: nie twoje imię, nie twój kod i nie samo twoje zgłoszenie. Dzielnicowy "
            "używa go, żeby lepiej pilnować okolicy. Policja nie kontaktuje się z tobą; pytania "
            "idą przez osobę zaufania.",
        ),
        "pt-BR": (
            "Polícia – policial do bairro (wijkagent)",
            "O policial do bairro onde aconteceu. A polícia recebe só um texto curto da pessoa de "
            "confiança: não o seu nome, não o seu código e não o seu relato. O policial usa isso "
            "para ficar mais atento no bairro. A polícia não entra em contato com você; as "
            "perguntas passam pela pessoa de confiança.",
        ),
        "th": (
            "ตำรวจ – ตำรวจประจำพื้นที่ (wijkagent)",
            "ตำรวจที่ดูแลพื้นที่ที่เกิดเหตุ ตำรวจได้รับเพียงข้อความสั้น ๆ จากผู้ให้คำปรึกษา "
            "ไม่มีชื่อของคุณ ไม่มีรหัสของคุณ และไม่ใช่เรื่องที่คุณแจ้งเอง "
            "ตำรวจประจำพื้นที่ใช้ข้อความนี้เพื่อเฝ้าระวังพื้นที่มากขึ้น ตำรวจจะไม่ติดต่อคุณ "
            "คำถามทุกข้อจะผ่านผู้ให้คำปรึกษา",
        ),
        "uk": (
            "Поліція – дільничний (wijkagent)",
            "Поліцейський району, де це сталося. Поліція отримує лише короткий текст від "
            "консультанта: не твоє ім'я, не твій код і не саме твоє повідомлення. "
            "Дільничний використовує його, щоб уважніше стежити за районом. Поліція не "
            "зв'язується з тобою; питання йдуть через консультанта.",
        ),
        "ru": (
            "Полиция – участковый (wijkagent)",
            "Полицейский района, где это случилось. Полиция получает только короткий текст от "
            "консультанта: не твоё имя, не твой код и не само твоё сообщение. "
            "Участковый использует его, чтобы внимательнее следить за районом. Полиция не "
            "связывается с тобой; вопросы идут через консультанта.",
        ),
    },
    "ggd-soa-poli": {
        "nl": (
            "GGD Gooi en Vechtstreek (soa-poli)",
            "Gratis en anoniem testen op soa, PEP, PrEP en vragen over gezondheid.",
        ),
        "en": (
            "GGD Gooi en Vechtstreek (STI clinic)",
            "Free and anonymous testing for STIs, PEP, PrEP and questions about health.",
        ),
        "es": (
            "GGD Gooi en Vechtstreek (clínica de ITS)",
            "Pruebas gratis y anónimas de ITS, PEP, PrEP y preguntas sobre salud.",
        ),
        "ro": (
            "GGD Gooi en Vechtstreek (clinică BTS)",
            "Teste gratuite și anonime pentru BTS, PEP, PrEP și întrebări despre sănătate.",
        ),
        "hu": (
            "GGD Gooi en Vechtstreek (nemibeteg-gondozó)",
            "Ingyenes és névtelen szűrés nemi betegségekre, PEP, PrEP és kérdések az egészségről.",
        ),
        "bg": (
            "GGD Gooi en Vechtstreek (клиника за полови инфекции)",
            "Безплатни и анонимни тестове за полови инфекции, PEP, PrEP и въпроси за здравето.",
        ),
        "pl": (
            "GGD Gooi en Vechtstreek (poradnia chorób przenoszonych drogą płciową)",
            "Bezpłatne i anonimowe testy na choroby przenoszone drogą płciową, PEP, PrEP i "
            "pytania o zdrowie.",
        ),
        "pt-BR": (
            "GGD Gooi en Vechtstreek (clínica de ISTs)",
            "Testes gratuitos e anônimos de ISTs, PEP, PrEP e perguntas sobre saúde.",
        ),
        "th": (
            "GGD Gooi en Vechtstreek (คลินิกโรคติดต่อทางเพศสัมพันธ์)",
            "ตรวจโรคติดต่อทางเพศสัมพันธ์ฟรีและไม่ต้องบอกชื่อ รวมถึง PEP, PrEP และคำถามเรื่องสุขภาพ",
        ),
        "uk": (
            "GGD Gooi en Vechtstreek (клініка ІПСШ)",
            "Безкоштовні й анонімні тести на інфекції, що передаються статевим шляхом, PEP, PrEP "
            "і питання про здоров'я.",
        ),
        "ru": (
            "GGD Gooi en Vechtstreek (клиника ИППП)",
            "Бесплатные и анонимные тесты на инфекции, передающиеся половым путём, PEP, PrEP и "
            "вопросы о здоровье.",
        ),
    },
    "belle": {
        "nl": (
            "Belle Hulpverlening",
            "Hulp en advies voor sekswerkers, ook bij geld, wonen en stoppen.",
        ),
        "en": (
            "Belle Hulpverlening",
            "Help and advice for sex workers, also with money, housing and stopping.",
        ),
        "es": (
            "Belle Hulpverlening",
            "Ayuda y consejo para personas que hacen trabajo sexual, también con dinero, vivienda "
            "y dejar el trabajo sexual.",
        ),
        "ro": (
            "Belle Hulpverlening",
            "Ajutor și sfaturi pentru persoanele care fac muncă sexuală, și pentru bani, locuință "
            "sau renunțarea la munca sexuală.",
        ),
        "hu": (
            "Belle Hulpverlening",
            "Segítség és tanács szexmunkásoknak, pénz, lakhatás és a szexmunka abbahagyása "
            "ügyében is.",
        ),
        "bg": (
            "Belle Hulpverlening",
            "Помощ и съвети за секс работници, също за пари, жилище и спиране на секс работата.",
        ),
        "pl": (
            "Belle Hulpverlening",
            "Pomoc i porady dla osób pracujących seksualnie, także w sprawie pieniędzy, "
            "mieszkania i rezygnacji z pracy seksualnej.",
        ),
        "pt-BR": (
            "Belle Hulpverlening",
            "Ajuda e conselhos para profissionais do sexo, também com dinheiro, moradia e para "
            "parar.",
        ),
        "th": (
            "Belle Hulpverlening",
            "ความช่วยเหลือและคำแนะนำสำหรับพนักงานบริการทางเพศ รวมถึงเรื่องเงิน ที่อยู่อาศัย และการเลิกทำงานนี้",
        ),
        "uk": (
            "Belle Hulpverlening",
            "Допомога й поради для секс-працівників, також щодо грошей, житла і того, як "
            "припинити секс-роботу.",
        ),
        "ru": (
            "Belle Hulpverlening",
            "Помощь и советы для секс-работников, в том числе с деньгами, жильём и тем, как уйти "
            "из секс-работы.",
        ),
    },
    "zorgcoordinator-mensenhandel": {
        "nl": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek",
            "Helpt mensen die gedwongen worden of worden uitgebuit, met opvang en hulp.",
        ),
        "en": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (care coordinator for human "
            "trafficking)",
            "Helps people who are forced or exploited, with a safe place to stay and support.",
        ),
        "es": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (ayuda contra la trata)",
            "Ayuda a personas obligadas o explotadas, con un lugar seguro donde quedarse y apoyo.",
        ),
        "ro": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (ajutor pentru victimele "
            "traficului)",
            "Ajută persoanele forțate sau exploatate, cu un loc sigur unde să stea și sprijin.",
        ),
        "hu": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (segítség emberkereskedelem "
            "áldozatainak)",
            "Segít azoknak, akiket kényszerítenek vagy kizsákmányolnak, biztonságos szállással és "
            "támogatással.",
        ),
        "bg": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (помощ при трафик на хора)",
            "Помага на хора, които са принудени или експлоатирани, с безопасно място и подкрепа.",
        ),
        "pl": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (pomoc ofiarom handlu ludźmi)",
            "Pomaga osobom zmuszanym lub wykorzystywanym: bezpieczne miejsce i wsparcie.",
        ),
        "pt-BR": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (ajuda contra o tráfico de "
            "pessoas)",
            "Ajuda pessoas forçadas ou exploradas, com um lugar seguro e apoio.",
        ),
        "th": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (ช่วยเหลือผู้เสียหายจากการค้ามนุษย์)",
            "ช่วยเหลือคนที่ถูกบังคับหรือถูกแสวงประโยชน์ ด้วยที่พักที่ปลอดภัยและการสนับสนุน",
        ),
        "uk": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (допомога постраждалим від "
            "торгівлі людьми)",
            "Допомагає людям, яких примушують або експлуатують: безпечне місце і підтримка.",
        ),
        "ru": (
            "Zorgcoördinator Mensenhandel Regio Gooi en Vechtstreek (помощь пострадавшим от "
            "торговли людьми)",
            "Помогает людям, которых принуждают или эксплуатируют: безопасное место и поддержка.",
        ),
    },
    "sociaal-plein": {
        "nl": (
            "Sociaal Plein Hilversum",
            "Hulp van de gemeente bij wonen, geld, uitkering en zorg.",
        ),
        "en": (
            "Sociaal Plein Hilversum",
            "Help from the municipality with housing, money, benefits and care.",
        ),
        "es": (
            "Sociaal Plein Hilversum",
            "Ayuda del municipio con vivienda, dinero, prestaciones y cuidados.",
        ),
        "ro": (
            "Sociaal Plein Hilversum",
            "Ajutor de la primărie pentru locuință, bani, ajutoare sociale și îngrijire.",
        ),
        "hu": (
            "Sociaal Plein Hilversum",
            "Az önkormányzat segítsége lakhatásban, pénzügyekben, segélyekben és ellátásban.",
        ),
        "bg": (
            "Sociaal Plein Hilversum",
            "Помощ от общината за жилище, пари, социални помощи и грижи.",
        ),
        "pl": (
            "Sociaal Plein Hilversum",
            "Pomoc gminy w sprawie mieszkania, pieniędzy, zasiłków i opieki.",
        ),
        "pt-BR": (
            "Sociaal Plein Hilversum",
            "Ajuda da prefeitura com moradia, dinheiro, benefícios e cuidados.",
        ),
        "th": (
            "Sociaal Plein Hilversum",
            "ความช่วยเหลือจากเทศบาลเรื่องที่อยู่อาศัย เงิน สวัสดิการ และการดูแล",
        ),
        "uk": (
            "Sociaal Plein Hilversum",
            "Допомога від муніципалітету з житлом, грошима, виплатами і доглядом.",
        ),
        "ru": (
            "Sociaal Plein Hilversum",
            "Помощь от муниципалитета с жильём, деньгами, пособиями и уходом.",
        ),
    },
    "scharlaken-koord": {
        "nl": (
            "Scharlaken Koord",
            "Een christelijke organisatie. Helpt sekswerkers die willen stoppen of ander werk "
            "zoeken.",
        ),
        "en": (
            "Scharlaken Koord",
            "A Christian organisation. Helps sex workers who want to stop or look for other work.",
        ),
        "es": (
            "Scharlaken Koord",
            "Una organización cristiana. Ayuda a personas que hacen trabajo sexual y quieren "
            "dejarlo o buscan otro trabajo.",
        ),
        "ro": (
            "Scharlaken Koord",
            "O organizație creștină. Ajută persoanele care fac muncă sexuală și vor să renunțe "
            "sau caută altă muncă.",
        ),
        "hu": (
            "Scharlaken Koord",
            "Keresztény szervezet. Segít azoknak a szexmunkásoknak, akik abba akarják hagyni, "
            "vagy más munkát keresnek.",
        ),
        "bg": (
            "Scharlaken Koord",
            "Християнска организация. Помага на секс работници, които искат да спрат или търсят "
            "друга работа.",
        ),
        "pl": (
            "Scharlaken Koord",
            "Organizacja chrześcijańska. Pomaga osobom pracującym seksualnie, które chcą przestać "
            "albo szukają innej pracy.",
        ),
        "pt-BR": (
            "Scharlaken Koord",
            "Uma organização cristã. Ajuda profissionais do sexo que querem parar ou procuram "
            "outro trabalho.",
        ),
        "th": (
            "Scharlaken Koord",
            "องค์กรคริสเตียน ช่วยเหลือพนักงานบริการทางเพศที่อยากเลิกหรือหางานอื่น",
        ),
        "uk": (
            "Scharlaken Koord",
            "Християнська організація. Допомагає секс-працівникам, які хочуть припинити або "
            "шукають іншу роботу.",
        ),
        "ru": (
            "Scharlaken Koord",
            "Христианская организация. Помогает секс-работникам, которые хотят уйти или ищут "
            "другую работу.",
        ),
    },
    "gemeente-toezicht": {
        "nl": (
            "Gemeente Hilversum – toezicht sekswerk",
            "Dit is geen hulp. De gemeente controleert werkplekken en vergunningen. Ze kan "
            "maatregelen nemen, bijvoorbeeld een werkplek sluiten. Dat kan ook gevolgen hebben "
            "voor jou als je daar werkt. Kies dit alleen als je wilt dat de gemeente naar een "
            "werkplek kijkt.",
        ),
        "en": (
            "Municipality of Hilversum – sex work supervision (handhaving)",
            "This is not help. The municipality inspects workplaces and licences. It can take "
            "measures, for example close a workplace. That can also affect you if you work "
            "there. Choose this only if you want the municipality to look at a workplace.",
        ),
        "es": (
            "Municipio de Hilversum – control del trabajo sexual (handhaving)",
            "Esto no es ayuda. El municipio controla lugares de trabajo y licencias. Puede tomar "
            "medidas, por ejemplo cerrar un lugar de trabajo. Eso también te puede afectar si "
            "trabajas allí. Elige esto solo si quieres que el municipio revise un lugar de "
            "trabajo.",
        ),
        "ro": (
            "Primăria Hilversum – controlul muncii sexuale (handhaving)",
            "Acesta nu este ajutor. Primăria controlează locurile de muncă și autorizațiile. "
            "Poate lua măsuri, de exemplu să închidă un loc de muncă. Asta te poate afecta și pe "
            "tine dacă lucrezi acolo. Alege asta doar dacă vrei ca primăria să verifice un loc "
            "de muncă.",
        ),
        "hu": (
            "Hilversum önkormányzata – a szexmunka ellenőrzése (handhaving)",
            "Ez nem segítség. Az önkormányzat ellenőrzi a munkahelyeket és az engedélyeket. "
            "Intézkedhet is, például bezárhat egy munkahelyet. Ez téged is érinthet, ha ott "
            "dolgozol. Csak akkor válaszd, ha azt akarod, hogy az önkormányzat megnézzen egy "
            "munkahelyet.",
        ),
        "bg": (
            "Община Хилверсум – контрол на секс работата (handhaving)",
            "Това не е помощ. Общината проверява работните места и разрешителните. Може да "
            "вземе мерки, например да затвори работно място. Това може да засегне и теб, ако "
            "работиш там. Избери това само ако искаш общината да провери работно място.",
        ),
        "pl": (
            "Gmina Hilversum – kontrola pracy seksualnej (handhaving)",
            "To nie jest pomoc. Gmina kontroluje miejsca pracy i zezwolenia. Może podjąć "
            "działania, na przykład zamknąć miejsce pracy. To może dotknąć także ciebie, jeśli "
            "tam pracujesz. Wybierz to tylko wtedy, gdy chcesz, żeby gmina sprawdziła miejsce "
            "pracy.",
        ),
        "pt-BR": (
            "Prefeitura de Hilversum – fiscalização do trabalho sexual (handhaving)",
            "Isto não é ajuda. A prefeitura fiscaliza locais de trabalho e licenças. Ela pode "
            "tomar medidas, por exemplo fechar um local de trabalho. Isso também pode afetar você "
            "se você trabalha lá. Escolha isto só se você quer que a prefeitura verifique um "
            "local de trabalho.",
        ),
        "th": (
            "เทศบาล Hilversum – การตรวจสอบงานบริการทางเพศ (handhaving)",
            "นี่ไม่ใช่ความช่วยเหลือ เทศบาลตรวจสอบสถานที่ทำงานและใบอนุญาต และอาจใช้มาตรการ "
            "เช่น สั่งปิดสถานที่ทำงาน ซึ่งอาจส่งผลต่อคุณด้วยถ้าคุณทำงานที่นั่น "
            "เลือกข้อนี้เฉพาะเมื่อคุณต้องการให้เทศบาลตรวจสอบสถานที่ทำงาน",
        ),
        "uk": (
            "Муніципалітет Гілверсума – нагляд за секс-роботою (handhaving)",
            "Це не допомога. Муніципалітет перевіряє робочі місця і дозволи. Він може вжити "
            "заходів, наприклад закрити робоче місце. Це може зачепити і тебе, якщо ти там "
            "працюєш. Обирай це, тільки якщо хочеш, щоб муніципалітет перевірив робоче місце.",
        ),
        "ru": (
            "Муниципалитет Хилверсюма – надзор за секс-работой (handhaving)",
            "Это не помощь. Муниципалитет проверяет рабочие места и разрешения. Он может принять "
            "меры, например закрыть рабочее место. Это может затронуть и тебя, если ты там "
            "работаешь. Выбирай это, только если хочешь, чтобы муниципалитет проверил рабочее "
            "место.",
        ),
    },
}

partners = sa.table(
    "partners",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
)
partner_texts = sa.table(
    "partner_texts",
    sa.column("partner_id", sa.String),
    sa.column("language", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
)


def _replace_dutch(partner_id: str, old: tuple[str, str], new: tuple[str, str]) -> None:
    """Rewrite one Dutch text, but only while it is still ``old``: never an admin's edit."""
    op.execute(
        partners.update()
        .where(
            partners.c.id == partner_id,
            partners.c.name == old[0],
            partners.c.description == old[1],
        )
        .values(name=new[0], description=new[1])
    )


def upgrade() -> None:
    op.create_table(
        "partner_texts",
        sa.Column("partner_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.CheckConstraint("language <> 'nl'", name=op.f("ck_partner_texts_not_dutch")),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
            name=op.f("fk_partner_texts_partner_id_partners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("partner_id", "language", name=op.f("pk_partner_texts")),
    )
    for partner_id, texts in TEXTS.items():
        _replace_dutch(partner_id, SEED_0002[partner_id], texts["nl"])
    bind = op.get_bind()
    seeded = {
        row.id
        for row in bind.execute(sa.select(partners.c.id, partners.c.name, partners.c.description))
        if row.id in TEXTS and (row.name, row.description) == TEXTS[row.id]["nl"]
    }
    rows = [
        {"partner_id": partner_id, "language": language, "name": name, "description": text}
        for partner_id in sorted(seeded)
        for language, (name, text) in TEXTS[partner_id].items()
        if language != "nl"
    ]
    if rows:
        op.bulk_insert(partner_texts, rows)


def downgrade() -> None:
    op.drop_table("partner_texts")
    for partner_id, texts in TEXTS.items():
        _replace_dutch(partner_id, texts["nl"], SEED_0002[partner_id])
