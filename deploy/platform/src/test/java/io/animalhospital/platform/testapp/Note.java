package io.animalhospital.platform.testapp;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
public class Note extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "reservation_id")
    public UUID reservationId;

    public String text;
}
