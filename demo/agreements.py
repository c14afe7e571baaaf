"""Demo agreements from the seed documents: Arvidsjaur + Arjeplog + Polisen 2023–2026 (seed 001),
Umeå kommun + Polisen 2025–2027 (seed 004), and the five-kommun network across Norrbotten and
Västerbotten from the press release (seed 000), as far as the model holds it."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from agreements import services
from agreements.models import Agreement, Commitment, SectionItem, Signature
from lagesbild.models import Lagesbild, Problem
from samverkan.models import Organization, User

STOCKHOLM = ZoneInfo("Europe/Stockholm")
Section = SectionItem.Section
Who = Commitment.Who


@dataclass
class Party:
    slug: str
    signatory: str
    title: str


@dataclass
class FocusSpec:
    title: str
    description: str = ""
    themes: tuple[str, ...] = ()


@dataclass
class AgreementSpec:
    title: str
    period: tuple[date, date]
    parties: list[Party]
    texts: dict[str, object]
    items: dict[str, list[str]] = field(default_factory=dict)
    focus: list[FocusSpec] = field(default_factory=list)
    commitments: list[tuple[str, str]] = field(default_factory=list)
    signed_on: date | None = None
    ended_on: date | None = None


INLAND = AgreementSpec(
    title="Samverkansöverenskommelse mellan Polismyndigheten, Arvidsjaur kommun och Arjeplog kommun",
    period=(date(2023, 1, 1), date(2026, 12, 31)),
    parties=[
        Party("lpo-pitea-alvdal", "lpochef@pitea.example", "Lokalpolisområdeschef Piteå Älvdal"),
        Party("arvidsjaur", "kommunalrad@arvidsjaur.example", "Kommunalråd Arvidsjaurs kommun"),
        Party("arjeplog", "kommunalrad@arjeplog.example", "Kommunalråd Arjeplogs kommun"),
    ],
    texts={
        "starts_on_signing": True,
        "renewal": Agreement.Renewal.REVISE,
        "inledning": (
            "Ett effektivt brottsförebyggande arbete kräver samverkan. Samhället har allt att vinna på minskad "
            "brottslighet och ökad trygghet för medborgarna. Orsakerna till brottslighet är många gånger "
            "komplicerade och kan påverkas av många olika samhällsfunktioner. Därför behövs ett planerat aktivt "
            "brottsförebyggande arbete. Det innebär att alla – både offentliga och privata samhällsfunktioner men "
            "även medborgerliga initiativ – ska samverka sida vid sida.\n\n"
            "Samverkansöverenskommelse, del 1, är polisledningens och kommunledningens gemensamma beslut om att "
            "fortsätta samverka. Del 1 är den strategiska delen med inriktning på fokusområden som Polisen och "
            "kommunerna åtar sig att arbeta mot. Den ska kompletteras med del 2, som ger inriktningen på det lokala "
            "brottsförebyggande arbetet i varje kommun. Del 2 ska innehålla lokala mål, lokala genomförande- och "
            "uppföljningsplaner samt medborgarlöften i varje kommun.\n\n"
            "Psykisk ohälsa bland unga, störande och olagliga trafikbeteenden, alkohol, narkotika och "
            "tobaksanvändning samt våldsutsatthet är några av våra gemensamma utmaningar."
        ),
        "syfte": (
            "För att nå framgång i arbetet med att minska brottsligheten och öka tryggheten i glesbygd krävs "
            "samverkan av samhällets alla aktörer. Samverkan sker till viss mån redan i dag i, och mellan, berörda "
            "kommuner och Polismyndigheten. Denna samverkansöverenskommelse syftar till att ytterligare "
            "formalisera, fördjupa och utveckla samarbetet mellan polis och kommuner genom att skapa struktur och "
            "en plattform för ett effektivt, långsiktigt brottsförebyggande och trygghetsskapande arbete. "
            "Samverkansöverenskommelsen ska syfta till att upprätthålla och utveckla den kompetens som finns inom "
            "de olika kommunerna."
        ),
        "samverkansmodell": (
            "Utgångspunkten för en fungerande samverkan är att Polismyndigheten och kommunerna enas kring en "
            "gemensam uppfattning om vilka problem som finns lokalt. För att skapa en sådan gemensam lägesbild "
            "behöver polisen och kommunerna beskriva sin uppfattning om det rådande läget utifrån det faktaunderlag "
            "som var och en av parterna förfogar över. Den gemensamma lägesbilden utgör grunden för att i en "
            "gemensam skriftlig överenskommelse kunna prioritera inom vilka områden samverkan ska ske. Detta utgör "
            "grunden för fortsatta åtaganden om vad var och en ska göra."
        ),
        "gemensam_lagesbild": (
            "Kommunerna är lika, men varje kommun är unik. Det är de lokala omständigheterna som avgör vad varje "
            "kommun ska arbeta med. I arbetet med att ta fram den gemensamma lägesbilden har kommunerna och "
            "Polismyndigheten bidragit med sin lokala lägesbild.\n\n"
            "Med hänsyn till kommunernas olikheter visar genomgången av lägesbilderna att det finns liknande "
            "problem i kommunerna, t.ex. psykisk ohälsa bland unga, störande och olagliga trafikbeteenden, alkohol, "
            "narkotika och tobaksanvändning samt våldsutsatthet.\n\n"
            "Kommunerna är lika i struktur och storlek och många ungdomar har hög rörlighet och rör sig naturligt "
            "över kommungränserna. Ett behov av samverkan finns mellan polisen och kommunerna, men även kommunerna "
            "emellan, då en del ungdomar annars riskerar att försvinna utanför skyddsnätet.\n\n"
            "Fokusområdet kring ANDTS visar på stora samverkansbehov. Internet öppnar i dag upp för större tillgång "
            "än tidigare till narkotika och dopningspreparat. Tobakstillsyn kopplat till tobaksbruket bland unga är "
            "en viktig del av det brottsförebyggande arbetet.\n\n"
            "Kommunerna har kraftigt ökad befolkning under vissa tider på året kopplat till främst turism, "
            "biltestverksamhet, marknadshelger och andra evenemang. Risken för brott ökar under dessa perioder, "
            "vilket ställer högre krav på samordning kring exempelvis trafikarbete, alkoholtillsyn och "
            "ansvarsfull alkoholservering.\n\n"
            "De problembilder som identifieras i den gemensamma lägesbilden bör hanteras gemensamt för att få "
            "genomslag, med tanke på de speciella förutsättningar som finns i glesbygdskommuner med begränsade "
            "resurser och stora geografiska avstånd."
        ),
        "fokus_inledning": (
            "Alla kommuner har tillsammans med polisen via nätverksträffar bidragit till att ge sin syn på vad som "
            "bör prioriteras i den gemensamma lägesbilden. Polismyndigheten och kommunerna Arjeplog och Arvidsjaur "
            "avser genom denna överenskommelse att samverka kring dessa fokusområden. De övergripande målen är att "
            "stärka och utveckla samverkan mellan polis och kommun inom följande fokusområden."
        ),
        "strategiska_forutsattningar": (
            "I båda kommunerna bör det finnas en lokal samverkansgrupp som samordnar det förebyggande och "
            "hälsofrämjande arbetet. Samordnarna i varje kommun samt polisen ska träffas regelbundet, i "
            "partssammansatta grupper varje år. Arbetet ska utgå från den lägesbild som presenterats utifrån "
            "samverkansmodellen. I varje kommun ska det finnas ansvariga samordnare hos både polis och kommun som "
            "samverkar i det brottsförebyggande och hälsofrämjande arbetet. I varje kommun ska det "
            "brottsförebyggande arbetet kunna följas upp på ett strukturerat sätt; prioriteringen i "
            "överenskommelsen konkretiseras i en handlingsplan som upprättas i varje kommun."
        ),
        "medborgarloften": (
            "Medborgarlöftet är ett löfte och ett avtal om konkreta aktiviteter från polis och kommun i syfte att "
            "öka tryggheten och minska brottsligheten, och är unikt för den enskilda kommunen. Det är den lokala "
            "lägesbilden i varje kommun, där medborgarna och medarbetarna ges mer delaktighet och deras kunskap "
            "bättre tas till vara, som ska utgöra grund för prioriteringar av verksamheten. Arbetet kring "
            "medborgardialog och löfte läggs in som en del i den befintliga samverkansöverenskommelsen. Ansvar för "
            "de olika aktiviteterna finns i de gemensamma handlingsplaner som upprättas lokalt i varje kommun. "
            "Medborgarlöftet är en process som ständigt pågår och ska revideras utifrån den lokala problembilden i "
            "kommunen, i nära samråd med medborgarna."
        ),
        "uppfoljning": (
            "Polis och kommun följer löpande upp arbetet i de lokala samverkansgrupperna och återrapporterar "
            "årligen till polis- och kommunledning. Uppföljning av samverkansavtalet genomförs innan nytt avtal "
            "2027."
        ),
        "reporting_month": 11,
        "kommunikation": "Polisen och kommunerna skapar en gemensam kommunikationsplan för samverkansöverenskommelsen.",
    },
    items={
        Section.UTGANGSPUNKT: [
            "Polismyndighetens uppdrag",
            "Den nationella handlingsplanen för medborgarlöften",
            "Processen för samverkan i lokalt brottsförebyggande arbete",
            "En samlad strategi för alkohol-, narkotika-, dopnings-, tobaks- och spelpolitiken",
            "Kommunala styrdokument och hälsomål",
        ],
        Section.MODELLSTEG: [
            "Information och kartläggning görs inom polisen och kommunen i de nätverk som bedrivs i brotts- och "
            "drogförebyggande arbete.",
            "Skapande av en gemensam lägesbild baserad på kartläggning från varje kommun.",
            "Strategiska överenskommelser som bygger på den gemensamma lägesbilden upprättas.",
            "Konkret brottsförebyggande arbete som bedrivs i sammansatta samverkansgrupper i varje kommun med "
            "handlingsplaner som grund.",
            "Uppföljning av samverkansavtalet genomförs innan nytt avtal 2027.",
        ],
    },
    focus=[
        FocusSpec("Alkohol, narkotika, doping, tobak och spel (ANDT-S)", themes=("andt-s",)),
        FocusSpec("Brottsförebyggande arbete (BRÅ)", themes=("trafik", "vald-i-nara-relation")),
        FocusSpec("Psykisk och fysisk hälsa", themes=("unga-och-psykisk-ohalsa",)),
    ],
    commitments=[
        (
            Who.GEMENSAMT,
            "Polisen tillsammans med kommunerna åtar sig att skapa en gemensam samverkansstruktur/organisation för "
            "styrning och uppföljning av det brottsförebyggande och hälsofrämjande arbetet. Gruppens "
            "sammansättning bestäms utifrån varje kommuns lokala förutsättningar.",
        ),
        (
            Who.KOMMUNERNA,
            "Kommunerna åtar sig att utse en ansvarig kontaktperson och/eller samordnare som har till uppgift att, "
            "tillsammans med övriga verksamheter inom organisationerna, samordna det lokala ANDT-S och "
            "brottsförebyggande arbetet tillsammans med polis.",
        ),
        (
            Who.POLISEN,
            "Polisen åtar sig att utse en ansvarig kontaktperson som har till uppgift att svara upp, och driva "
            "samverkan mot varje kommun.",
        ),
        (
            Who.GEMENSAMT,
            "Polisen och kommunerna åtar sig att ta fram en fördjupad lägesbild (en baslinje) som ska ligga till "
            "grund för val av åtgärder och uppföljning av arbetet.",
        ),
        (
            Who.GEMENSAMT,
            "Polisen och kommunerna åtar sig att ta fram ett antal gemensamma och separata mål kopplat till "
            "fokusområdena, där några bryts ned till handlingsplanen.",
        ),
        (
            Who.GEMENSAMT,
            "Polis och kommun åtar sig att löpande följa upp arbetet i de lokala samverkansgrupperna och årligen "
            "återrapportera till polis- och kommunledning.",
        ),
        (
            Who.GEMENSAMT,
            "Polisen och kommunerna åtar sig att skapa en gemensam kommunikationsplan för samverkansöverenskommelsen.",
        ),
    ],
    signed_on=date(2023, 3, 15),
)

UMEA = AgreementSpec(
    title="Överenskommelse om samverkan och prioriteringar mellan Umeå kommun och Polismyndigheten 2025–2027",
    period=(date(2025, 1, 1), date(2027, 12, 31)),
    parties=[
        Party("umea", "ledning@umea.example", "Kommunstyrelsens ordförande, Umeå kommun"),
        Party("lpo-umea", "lpochef@umea.example", "Lokalpolisområdeschef Umeå"),
    ],
    texts={
        "renewal": Agreement.Renewal.CONTINUES,
        "signing_place": "Umeå",
        "syfte": (
            "Syftet med samverkansöverenskommelsen är att säkra ett långsiktigt och hållbart brottsförebyggande "
            "arbete för Umeå kommun och Polismyndigheten med gemensamma fokusområden och mål framtagna utifrån en "
            "lokal lägesbild."
        ),
        "inledning": (
            "Samhället har allt att vinna på en minskad brottslighet och ökad trygghet. Därför behövs ett aktivt "
            "brottsförebyggande arbete samt ett trygghetsskapande arbete som bygger på en gemensam och långsiktig "
            "samsyn mellan Polisen och Umeå kommun.\n\n"
            "I Umeå initierades det brotts- och drogförebyggande rådet redan 1985 av Polismyndigheten och sedan "
            "dess har en tät samverkan mellan dessa två organisationer skett på lokal nivå. Det första "
            "samverkansavtalet mellan Umeå kommun och lokalpolisområde Umeå undertecknades 2008.\n\n"
            "Kraven på nära samverkan mellan polis och kommun inom det brottsförebyggande området skärptes "
            "ytterligare 2023 med lagen om kommuners brottsförebyggande ansvar (SFS 2023:196), som bland annat "
            "fastställer att alla kommuner ska ha ett strategiskt råd med representation från polisen."
        ),
        "samverkansmodell": (
            "Respektive organisations samlade kunskaper, erfarenheter och faktaunderlag skapar en gemensam "
            "uppfattning om vilka samhällsutmaningar som finns lokalt. Utifrån detta samverkar parterna strategiskt "
            "för att förhindra och förebygga brott. Andra aktörer, som Region Västerbotten, näringsliv och "
            "civilsamhälle, involveras vid behov i det brottsförebyggande arbetet. En väl förankrad samverkan "
            "förutsätter också att medborgare ges möjlighet till delaktighet i utvecklingen av lägesbild och "
            "åtgärder."
        ),
        "medborgarloften": (
            "Medborgarlöften är en utveckling och en förstärkning av samverkansöverenskommelsen mellan kommun och "
            "polis. Syftet är att stärka engagemanget i lokalsamhället och förbättra tryggheten och det "
            "brottsförebyggande arbetet genom dialog och samarbete med medborgarna."
        ),
        "fokus_inledning": (
            "Umeå har en låg brottslighet och höga värden när det gäller trygghet och mellanmänsklig tillit. För att "
            "det ska fortsätta vara fallet prioriterar Polisen och kommunen samverkan inom områden som har hög "
            "påverkan på människors säkerhet och trygghet, och på Umeås hållbara tillväxt."
        ),
        "uppfoljning": (
            "Arbetet följs upp årligen och återrapporteras till kommunledningen och lokalpolisområdets ledning."
        ),
        "reporting_month": 3,
    },
    items={
        Section.VISION: [
            "minska brottsligheten i Umeå kommun",
            "öka tryggheten i Umeå kommun",
            "minska nyttjandet av alkohol, narkotika, tobak, dopning samt motverka överdrivet spelande som kan leda "
            "till brottslighet.",
        ],
    },
    focus=[
        FocusSpec(
            "Förebygga och motverka organiserad brottslighet",
            "Med en alltmer etablerad organiserad brottslighet ökar risken för grovt våld, narkotikahandel, "
            "rekrytering av barn och unga i kriminell verksamhet samt för välfärdsbrott och otillåten påverkan. Det "
            "finns ett stort behov av samverkan för att förebygga brott och minska risken att fler unga dras in. Att "
            "motarbeta organiserad brottslighet är också viktigt för att människor ska känna sig trygga och ha "
            "förtroende för myndigheter.",
            themes=("organiserad-brottslighet",),
        ),
        FocusSpec(
            "Arbeta förebyggande mot våld och stötta särskilt utsatta brottsoffer",
            "Våld i nära relation är ett angeläget samhällsproblem där utvecklingen går åt fel håll. Det finns ett "
            "stort behov av förebyggande insatser och av riktade insatser mot de som utövar våldet.",
            themes=("vald-i-nara-relation",),
        ),
        FocusSpec(
            "Trygga och säkra offentliga miljöer",
            "Det är viktigt att medborgarna har tillgång till säkra och väl underhållna gator, parker och "
            "bostadsområden, där alla kan känna sig välkomna och trygga. Utformningen bör uppmuntra till möten och "
            "social blandning men också bidra till att minska mängdbrott genom att göra platser mindre "
            "brottsattraherande. Alla ska kunna känna sig trygga i trafiken oavsett färdsätt.",
            themes=("offentlig-miljo-och-trygghet",),
        ),
    ],
    signed_on=date(2025, 3, 11),
)

NORSJO = AgreementSpec(
    title="Samverkansavtal mellan polisen och Norsjö kommun 2019–2022",
    # Seed 002: "Avtalet löper på fyra år med början 1/1 2019"; the signing day is not given.
    period=(date(2019, 1, 1), date(2022, 12, 31)),
    parties=[
        Party("norsjo", "kommunchef@norsjo.example", "Kommunchef Norsjö kommun"),
        Party("lpo-skelleftea", "lpochef@skelleftea.example", "Lokalpolisområdeschef Skellefteå"),
    ],
    texts={
        # "Avtalet löper på fyra år med början 1/1 2019"; seed 002 says nothing of running on.
        "renewal": Agreement.Renewal.ENDS,
        "syfte": (
            "Följande avtal ingås härmed avseende samarbete mellan polis och Norsjö kommun i syfte att arbeta "
            "brottsförebyggande, minska brottsligheten och öka tryggheten. Avtalet utgör grunden för ett ömsesidigt "
            "åtagande inom vissa utvalda fokusområden. Åtagandena är mätbara och ska fortlöpande utvärderas under "
            "avtalsperioden."
        ),
        "gemensam_lagesbild": (
            "Framtagandet av medborgarlöftena har föregåtts av medborgardialoger, det vill säga öppna möten med "
            "nyckelgrupper, medarbetardialoger och webbenkät. Polis och representanter för kommunen har gemensamt "
            "analyserat svaren. Från svaren har fyra fokusområden framträtt, områden där invånarna i kommunen vill "
            "att arbetet ska intensifieras och prioriteras. Fokusområdena berör såväl social som situationell "
            "brottsprevention men även trygghetsskapande arbete."
        ),
        "kommunikation": (
            "Redovisningen av arbetet och resultatet kommuniceras ut via kommunens och polisens hemsidor samt i "
            "Norsjöbladet som skickas ut till alla hushåll i kommunen."
        ),
        "uppfoljning": (
            "Årligen görs justeringar i genomförandeplanen utifrån hur arbetet fortskrider, och detta kan utläsas i "
            "genomförandeplanen och uppföljningen av densamma."
        ),
        "reporting_month": 12,
    },
    focus=[
        FocusSpec(
            "Insatser mot narkotika",
            "Insatser mot narkotika med syfte att minska nyrekrytering samt försvåra genomförandet av narkotikabrott. "
            "Särskilt ska beaktas brott som uppstår eller begås av och kring ungdomar.",
            themes=("andt-s",),
        ),
        FocusSpec(
            "Insatser mot brott och förseelser i trafikmiljön",
            "Störande körning, vårdslöshet i trafik, rattfylleri, olovlig körning m.fl.",
            themes=("trafik",),
        ),
        FocusSpec(
            "Insatser mot tillgreppsbrott",
            "Inbrott i bostäder, sommarstugor, industrier, butiker och andra objekt.",
            themes=("tillgreppsbrott",),
        ),
        FocusSpec(
            "Trygghetsskapande arbete",
            "Ökad polisiär närvaro och tillgänglighet.",
            themes=("offentlig-miljo-och-trygghet",),
        ),
    ],
    signed_on=date(2018, 12, 17),
)

NETWORK = AgreementSpec(
    title="Samverkansöverenskommelse för fem småkommuner i Norr- och Västerbotten",
    # The press release gives no dates; the agreement followed the Småkommunsprojektet 2012–2014.
    period=(date(2015, 1, 1), date(2018, 12, 31)),
    parties=[
        Party("mala", "kommunalrad@mala.example", "Kommunalråd Malå kommun"),
        Party("norsjo", "kommunchef@norsjo.example", "Kommunchef Norsjö kommun"),
        Party("sorsele", "kommunalrad@sorsele.example", "Kommunalråd Sorsele kommun"),
        Party("arvidsjaur", "kommunalrad@arvidsjaur.example", "Kommunalråd Arvidsjaurs kommun"),
        Party("arjeplog", "kommunalrad@arjeplog.example", "Kommunalråd Arjeplogs kommun"),
        Party("lpo-pitea-alvdal", "lpochef@pitea.example", "Lokalpolisområdeschef Piteå Älvdal"),
        Party("lpo-skelleftea", "lpochef@skelleftea.example", "Lokalpolisområdeschef Skellefteå"),
        Party("lpo-lycksele", "lpochef@lycksele.example", "Lokalpolisområdeschef Lycksele"),
    ],
    texts={
        "renewal": Agreement.Renewal.ENDS,
        "syfte": (
            "Polismyndigheten och de fem småkommunerna Malå, Norsjö och Sorsele (Västerbotten) samt Arvidsjaur och "
            "Arjeplog (Norrbotten) vill permanenta och driva ett framgångsrikt brottsförebyggande samarbete, för att "
            "skapa trygga uppväxtvillkor i glesbygd."
        ),
        "inledning": (
            "Unik brottsförebyggande samverkan över läns- och kommungränser mellan Polismyndigheten och fem "
            "småkommuner i inlandet. Småkommunsprojektet genomfördes 2012–2014 via Länsstyrelserna i Norr- och "
            "Västerbotten, med kunskapshöjande konferenser, nätverksträffar för samordnare, kontaktpersoner och "
            "polis, och möten i samtliga kommuners styrgrupper."
        ),
        "samverkansmodell": (
            "Kommunerna har stärkt och tydliggjort vilka aktörer som agerar i respektive nätverk och gjort en "
            "genomförandeplan, eller ett underlag, kopplat till kommunernas ANDT/BRÅ-program. Uppgifter har tagits "
            "fram ur kommunala kartläggningar, fältrapporter och polisens statistik, och gemensamma prioriteringar "
            "har fastställts för kommunen och polisen."
        ),
    },
    focus=[FocusSpec("Trygga uppväxtvillkor i glesbygd (ANDT/BRÅ)")],
    signed_on=date(2015, 2, 10),
    ended_on=date(2018, 12, 31),
)


def _build(spec: AgreementSpec, orgs: dict[str, Organization], people: dict[str, User]) -> Agreement | None:
    if Agreement.objects.filter(title=spec.title).exists():
        # Demo data loaded before Norsjö's renewal rule was read right from seed 002: correct it,
        # so that its period ends (demo.periods) rather than running on.
        Agreement.all_objects.filter(title=spec.title, status=Agreement.Status.GALLANDE).exclude(
            renewal=spec.texts["renewal"]
        ).update(renewal=spec.texts["renewal"])
        return None
    first, *others = spec.parties
    agreement = services.create_agreement(
        orgs[first.slug],
        actor=None,
        title=spec.title,
        period_start=spec.period[0],
        period_end=spec.period[1],
        **spec.texts,
    )
    first_party = agreement.parties.get()
    services.update_party(
        first_party,
        actor=None,
        expected_version=first_party.version,
        signatory=people[first.signatory],
        signatory_title=first.title,
    )
    for party in others:
        added = services.add_party(
            agreement,
            actor=None,
            organization=orgs[party.slug],
            signatory=people[party.signatory],
            signatory_title=party.title,
        )
        services.accept_participation(added, actor=None)
    for section, texts in spec.items.items():
        services.set_items(agreement, actor=None, section=section, texts=texts)
    party_orgs = [orgs[p.slug] for p in spec.parties]
    for focus in spec.focus:
        problems = Problem.objects.filter(lagesbild__organization__in=party_orgs, theme__slug__in=focus.themes)
        problems = problems.filter(
            lagesbild__status=Lagesbild.Status.FASTSTALLD, lagesbild__period_end__gte=spec.period[0]
        )
        services.add_focus_area(
            agreement, actor=None, title=focus.title, description=focus.description, problems=list(problems)
        )
    for who, text in spec.commitments:
        services.add_commitment(agreement, actor=None, who=who, text=text)
    if spec.signed_on is None:
        return agreement
    services.send_for_signature(agreement, actor=None)
    for party_row in agreement.parties.select_related("signatory"):
        assert party_row.signatory is not None
        services.sign_agreement(agreement, party=party_row, actor=party_row.signatory)
    if spec.ended_on:
        services.end_agreement(Agreement.objects.get(pk=agreement.pk), actor=None)
    # The documents were signed (and ended) on paper on their real dates, which no service sets:
    # the demo records those dates on the rows the services made.
    signed_at = datetime.combine(spec.signed_on, datetime.min.time(), tzinfo=STOCKHOLM).replace(hour=10)
    Signature.all_objects.filter(agreement=agreement).update(signed_at=signed_at)
    update: dict[str, object] = {"activated_at": signed_at}
    if spec.texts.get("starts_on_signing"):
        update["period_start"] = spec.signed_on
    if spec.ended_on:
        update["ended_at"] = datetime.combine(spec.ended_on, datetime.min.time(), tzinfo=STOCKHOLM)
    Agreement.all_objects.filter(pk=agreement.pk).update(**update)
    return agreement


@transaction.atomic
def load() -> list[str]:
    """Create the seed agreements, signed; safe to run again."""
    orgs = {org.slug: org for org in Organization.objects.all()}
    people = {user.email: user for user in User.objects.all()}
    for spec in (NETWORK, NORSJO, INLAND, UMEA):
        _build(spec, orgs, people)
    return []
