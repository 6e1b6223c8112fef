# Dates, heures et fuseaux (domain/format.rs, ui/components/local_time.rs).
# $n : le mois (1–12) ou le jour de la semaine (1 = lundi … 7 = dimanche).

format-month = { $n ->
    [1] janvier
    [2] février
    [3] mars
    [4] avril
    [5] mai
    [6] juin
    [7] juillet
    [8] août
    [9] septembre
    [10] octobre
    [11] novembre
   *[12] décembre
}
format-month-short = { $n ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
   *[12] déc.
}
format-weekday = { $n ->
    [1] lundi
    [2] mardi
    [3] mercredi
    [4] jeudi
    [5] vendredi
    [6] samedi
   *[7] dimanche
}
# « 26 novembre 2026 », « 12 nov. »
format-date = { $day } { $month } { $year }
format-date-short = { $day } { $month }
# $hour24 et $minute sur deux chiffres ; $hour12 de 1 à 12, $ampm « am » ou « pm ».
format-time = { $hour24 }:{ $minute }
# « jeudi 26 novembre 2026 à 19:00 »
format-datetime = { $weekday } { $date } à { $time }
# Le fuseau d'une formation, nommé par sa ville : « heure de Paris ».
format-zone = heure de { $city }
# « jeudi 26 novembre 2026 à 19:00 (heure de Paris) »
format-in-zone = { $when } ({ $zone })
# Après l'heure locale du lecteur, celle de la formation : « 19:00 à Paris ».
format-elsewhere = { $time } à { $city }
# Un horaire écrit à la main, avec son fuseau : « Mar-Jeu, 19h-21h (heure de Paris) »
format-schedule = { $schedule } ({ $zone })
# Une période : « 15 janvier 2024 – 15 février 2024 »
format-period = { $from } – { $to }
